"""The vendor page's models. Targets and scan profiles keep their JSON whole: they are read-only here."""
from django.db import models

RECURRENCES = [('h', 'Hourly'), ('d', 'Daily'), ('w', 'Weekly'), ('m', 'Monthly'), ('q', 'Quarterly'), ('', '')]
DAYS = [(1, 'Monday'), (2, 'Tuesday'), (3, 'Wednesday'), (4, 'Thursday'), (5, 'Friday'), (6, 'Saturday'), (7, 'Sunday')]
WEEK_INDEXES = [('first', 'First'), ('second', 'Second'), ('third', 'Third'), ('fourth', 'Fourth'), ('last', 'Last'), ('', '')]


class ScanProfile(models.Model):
    id = models.CharField(max_length=64, primary_key=True)
    seq = models.IntegerField()
    data = models.JSONField()

    class Meta:
        ordering = ['seq']


class Target(models.Model):
    id = models.CharField(max_length=64, primary_key=True)
    seq = models.IntegerField()
    data = models.JSONField()

    class Meta:
        ordering = ['seq']


class ScheduledScan(models.Model):
    id = models.CharField(max_length=64, primary_key=True)
    seq = models.IntegerField()
    target = models.ForeignKey(Target, on_delete=models.CASCADE)
    date_time = models.DateTimeField(help_text='Date and time of next scan scheduled.')
    recurrence = models.CharField(max_length=1, choices=RECURRENCES, blank=True, default='', help_text='Scheduled scan recurrence.')
    changed = models.DateTimeField()
    changed_by = models.JSONField()
    blackout_period = models.JSONField()
    timezone = models.CharField(max_length=64, default='UTC', help_text='Timezone to use for scheduled scan timestamp.')
    run_on_day_of_week = models.BooleanField(default=False, help_text='Schedule scan to run on specific monthly day of week (for monthly/quarterly recurrence).')
    scheduled_day_of_week = models.IntegerField(choices=DAYS, null=True, blank=True, help_text='Day of week to run scan on - monday to sunday (for run on day of week option).')
    week_index = models.CharField(max_length=6, choices=WEEK_INDEXES, null=True, blank=True, help_text='Which week of the month to run scan on (with run_on_day_of_week enabled).')
    partial_scan = models.BooleanField(default=False, help_text='Future scans set as partial scans, use in conjunction with incremental and reduced_scope.')
    override_target_settings = models.BooleanField(default=False, help_text="Override scan target's scan settings, use in conjunction with override_target_settings.")
    incremental = models.BooleanField(default=False, help_text='Future scans set to incremental, use in conjunction with partial_scan and override_target_settings.')
    reduced_scope = models.BooleanField(default=False, help_text='Future scans set as reduced scope, use in conjunction with partial_scan and override_target_settings.')
    scan_profile = models.ForeignKey(ScanProfile, null=True, blank=True, on_delete=models.SET_NULL, help_text='Scan profile to use.')
    unlimited = models.CharField(max_length=64, blank=True, default='')

    class Meta:
        ordering = ['seq']
