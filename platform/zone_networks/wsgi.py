"""WSGI entry point for gunicorn: `gunicorn -k gevent -w 1 zone_networks.wsgi:app`."""

from zone_networks import create_app

app = create_app()
