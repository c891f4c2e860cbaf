import secrets
from datetime import datetime, timezone

from rest_framework import generics, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from .models import ScanProfile, ScheduledScan, Target
from .serializers import ScanProfileSerializer, ScheduledScanSerializer

BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'


def stamp(request):
    user = request.user
    return {'changed': datetime.now(timezone.utc), 'changed_by': {'id': user.id, 'email': user.email, 'name': user.name}}


class ScheduledScanViewSet(viewsets.ModelViewSet):
    """"""
    serializer_class = ScheduledScanSerializer

    def get_queryset(self):
        return ScheduledScan.objects.filter(target_id=self.kwargs['target_id']).select_related('target')

    def target_must_exist(self):
        if not Target.objects.filter(pk=self.kwargs['target_id']).exists():
            raise NotFound()

    def list(self, request, *args, **kwargs):
        self.target_must_exist()
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        self.target_must_exist()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        target = Target.objects.get(pk=self.kwargs['target_id'])
        seq = (ScheduledScan.objects.order_by('-seq').values_list('seq', flat=True).first() or 0) + 1
        serializer.save(id=''.join(secrets.choice(BASE58) for _ in range(12)), seq=seq, target=target,
                        blackout_period=target.data['blackout_period'], **stamp(self.request))

    def perform_update(self, serializer):
        serializer.save(**stamp(self.request))


class AllScheduledScans(generics.ListAPIView):
    """"""
    serializer_class = ScheduledScanSerializer
    queryset = ScheduledScan.objects.select_related('target')


class ScanProfiles(generics.ListAPIView):
    """"""
    serializer_class = ScanProfileSerializer
    queryset = ScanProfile.objects.all()


class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    """"""
    queryset = Target.objects.all()

    def render(self, target):
        nxt = ScheduledScan.objects.filter(target=target).order_by('date_time', 'seq').first()
        next_scan = None
        if nxt is not None:
            next_scan = {'id': nxt.id, 'date_time': ScheduledScanSerializer().fields['date_time'].to_representation(nxt.date_time),
                         'recurrence': nxt.recurrence, 'timezone': nxt.timezone}
        return {**target.data, 'next_scan': next_scan}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response([self.render(t) for t in page])

    def retrieve(self, request, *args, **kwargs):
        return Response(self.render(self.get_object()))
