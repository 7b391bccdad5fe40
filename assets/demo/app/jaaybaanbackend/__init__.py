"""The jaaybaanbackend Django project (docktor demo app)."""
