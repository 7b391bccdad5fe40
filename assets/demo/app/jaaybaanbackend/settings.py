"""Settings of the demo project: everything comes from the environment (see .env)."""
import os

import dj_database_url

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "corsheaders",
]
ROOT_URLCONF = "jaaybaanbackend.urls"
WSGI_APPLICATION = "jaaybaanbackend.wsgi.application"
DATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3")}
STATIC_ROOT = "/app/static"
MEDIA_ROOT = "/app/media"
