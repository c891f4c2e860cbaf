from rest_framework import serializers

from .models import ScanProfile, ScheduledScan

NESTED_TARGET_FIELDS = ['id', 'site', 'type', 'labels', 'has_assets', 'report_fileformat', 'scanning_agent', 'teams', 'blackout_period']


class ScheduledScanSerializer(serializers.ModelSerializer):
    target = serializers.SerializerMethodField()
    changed_by = serializers.JSONField(read_only=True)
    blackout_period = serializers.JSONField(read_only=True)

    class Meta:
        model = ScheduledScan
        fields = ['id', 'target', 'date_time', 'recurrence', 'changed', 'changed_by', 'blackout_period', 'timezone',
                  'run_on_day_of_week', 'scheduled_day_of_week', 'week_index', 'partial_scan', 'override_target_settings',
                  'incremental', 'reduced_scope', 'scan_profile', 'unlimited']
        read_only_fields = ['id', 'changed', 'unlimited']

    def get_target(self, obj):
        return {k: obj.target.data[k] for k in NESTED_TARGET_FIELDS}

    def validate(self, attrs):
        # Probely's rule across fields (a Probely-only rule: cases that reach it are tagged)
        def value(name):
            return attrs[name] if name in attrs else getattr(self.instance, name, None)
        if value('run_on_day_of_week'):
            errors = []
            if value('recurrence') not in ('m', 'q'):
                errors.append('Run on day of week is only available for monthly or quarterly recurrence.')
            if value('scheduled_day_of_week') is None:
                errors.append('Scheduled day of week is required to run on day of week.')
            if not value('week_index'):
                errors.append('Week index is required to run on day of week.')
            if errors:
                raise serializers.ValidationError(errors)
        return attrs


class ScanProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScanProfile
        fields = ['id']

    def to_representation(self, obj):
        return obj.data
