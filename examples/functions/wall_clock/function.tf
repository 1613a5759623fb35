terraform {
  required_providers {
    jpush = {
      source = "jpushtf/jpush"
    }
  }
}

# The wall clock JPush stores, and shows in its console, for a time written
# with an offset: the same instant read in the provider's time_zone.
output "launch_wall_clock" {
  value = provider::jpush::wall_clock("2027-05-04T01:30:00Z", "Asia/Shanghai")
  # "2027-05-04 09:30:00"
}
