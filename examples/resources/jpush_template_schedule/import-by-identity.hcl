# Terraform 1.12+ / OpenTofu 1.12+: import every schedule made from one
# template request by identity, in the order of params.
import {
  to = jpush_template_schedule.example
  identity = {
    schedule_ids = [
      "0eac1b80-c2ac-4b69-948b-c65b34b96512",
      "5b1d6f0e-3c2a-4e8f-9a7b-2d4c6e8f0a1b",
    ]
  }
}
