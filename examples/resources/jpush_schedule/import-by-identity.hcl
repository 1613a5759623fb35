# Terraform 1.12+ / OpenTofu 1.12+: import by identity instead of an id
# string. app_key is optional; when given it must be the provider's app_key.
import {
  to = jpush_schedule.example
  identity = {
    id      = "0eac1b80-c2ac-4b69-948b-c65b34b96512"
    app_key = "0123456789abcdef01234567"
  }
}
