# A template schedule is imported with its schedule ids, comma-separated, in
# the order of the configuration's params.
terraform import jpush_template_schedule.example "id1,id2"

# Or with trace_id=schedule_id pairs, so schedule_ids is keyed by your trace
# ids at once.
terraform import jpush_template_schedule.example "order-1001=id1,order-1002=id2"
