# A schedule is imported by its JPush schedule_id (a UUID), as shown in the
# JPush console or by the jpush_schedules data source.
terraform import jpush_schedule.example <schedule_id>
