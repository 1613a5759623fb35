# query.tfquery.hcl — Terraform 1.14+: find the schedules made in the JPush
# console and generate configuration to import them:
#
#   terraform query -generate-config-out=imported.tf
#
# Every filter is optional; those given all have to match.
list "jpush_schedule" "console" {
  provider         = jpush
  include_resource = true # full resources, for -generate-config-out

  config {
    name_prefix  = "promo_"
    enabled      = true
    trigger_kind = "periodical"
  }
}
