# A check block: after every plan and apply, a warning when the reminder's
# next push is more than two days away (a trigger that has ended, or one
# that skips days by mistake).
check "reminder_pushes_soon" {
  assert {
    condition = anytrue([
      for at in provider::jpush::next_pushes(var.reminder_trigger, "Asia/Shanghai", "2027-01-01T00:00:00+08:00", 1) :
      timecmp(at, timeadd("2027-01-01T00:00:00+08:00", "48h")) <= 0
    ])
    error_message = "The daily reminder does not push within two days."
  }
}
