from django.urls import re_path

from . import views

detail = {'get': 'retrieve', 'put': 'update', 'patch': 'partial_update', 'delete': 'destroy'}

# Probely serves every path with and without the final slash
urlpatterns = [
    re_path(r'^targets/?$', views.TargetViewSet.as_view({'get': 'list'}, suffix='List')),
    re_path(r'^targets/(?P<pk>[^/]+)/?$', views.TargetViewSet.as_view({'get': 'retrieve'}, suffix='Instance')),
    re_path(r'^targets/(?P<target_id>[^/]+)/scheduledscans/?$', views.ScheduledScanViewSet.as_view({'get': 'list', 'post': 'create'}, suffix='List')),
    re_path(r'^targets/(?P<target_id>[^/]+)/scheduledscans/(?P<pk>[^/]+)/?$', views.ScheduledScanViewSet.as_view(detail, suffix='Instance')),
    re_path(r'^scheduledscans/?$', views.AllScheduledScans.as_view()),
    re_path(r'^scan-profiles/?$', views.ScanProfiles.as_view()),
]
