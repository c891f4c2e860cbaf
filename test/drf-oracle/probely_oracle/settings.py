"""Django settings of the oracle: DRF with one JSON renderer, Probely's parsers, UTC, SQLite in memory."""
SECRET_KEY = 'drf-oracle-not-secret'
DEBUG = False
ALLOWED_HOSTS = ['*']
USE_TZ = True
TIME_ZONE = 'UTC'
ROOT_URLCONF = 'probely_oracle.urls'
INSTALLED_APPS = ['django.contrib.contenttypes', 'rest_framework', 'probely_oracle']
MIDDLEWARE = []
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}
DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'
# Probely's limit is scanstub's (1 MiB); Django's own default is 2.5 MB
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
REST_FRAMEWORK = {
    'DEFAULT_RENDERER_CLASSES': ['rest_framework.renderers.JSONRenderer'],
    'DEFAULT_PARSER_CLASSES': [
        'rest_framework.parsers.JSONParser',
        'rest_framework.parsers.FormParser',
        'rest_framework.parsers.MultiPartParser',
    ],
    'DEFAULT_AUTHENTICATION_CLASSES': ['probely_oracle.auth.StubJWTAuthentication'],
    'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated'],
    'DEFAULT_PAGINATION_CLASS': 'probely_oracle.pagination.ProbelyPagination',
    'UNAUTHENTICATED_USER': None,
}
