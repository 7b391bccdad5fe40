"""The health endpoint answers 200 with {"status": "ok"}."""


def test_health(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
