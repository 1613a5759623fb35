# A check block: a warning when the launch falls on a weekend in Shanghai,
# on the day JPush's console shows for it.
locals {
  launch_wall_clock = provider::jpush::wall_clock(var.launch_at, "Asia/Shanghai") # "2027-05-04 09:30:00"
  launch_day        = formatdate("EEE", "${replace(local.launch_wall_clock, " ", "T")}Z")
}

check "launch_on_a_weekday" {
  assert {
    condition     = !contains(["Sat", "Sun"], local.launch_day)
    error_message = "The launch is on a ${local.launch_day} in Shanghai (${local.launch_wall_clock})."
  }
}
