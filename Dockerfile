# Haat's production image: one image for web (gunicorn, threaded WSGI workers), Celery worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY manage.py ./
COPY backend ./backend
COPY storefront_api ./storefront_api
RUN pip install --no-deps . \
    && python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin haat \
    && mkdir -p /app/media \
    && chown -R haat:haat /app/media

USER haat
EXPOSE 8000

CMD ["gunicorn", "backend.wsgi:application", "--worker-class=gthread", "--threads=4", "--bind=0.0.0.0:8000", "--access-logfile=-"]
