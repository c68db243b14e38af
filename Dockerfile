# One image for web, worker and beat, with WeasyPrint's system libraries.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=ingrado.settings.production

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
RUN find . -name django.po -path '*/nl/*' -execdir msgfmt --check-format -o django.mo django.po \; \
 && SECRET_KEY=build-only-secret-key-used-to-collect-static-files-0123456789 \
    python manage.py collectstatic --noinput

RUN useradd --create-home ingrado && mkdir -p /data/media /data/private && chown -R ingrado /data
USER ingrado
EXPOSE 8000
CMD ["gunicorn", "ingrado.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
