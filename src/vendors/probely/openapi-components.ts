import * as probely from './schemas'

/** Probely's schemas as named OpenAPI components (src/openapi-document.ts finds them by shape). */
export const PROBELY_COMPONENTS = {
  ProbelyTarget: probely.Target,
  ProbelyScheduledScan: probely.ScheduledScan,
  ProbelyScheduledScanCreate: probely.ScheduledScanCreate,
  ProbelyScheduledScanPatch: probely.ScheduledScanPatch,
  ProbelyScanProfile: probely.ScanProfile,
  ProbelyNestedTarget: probely.NestedTarget,
  ProbelySite: probely.Site,
  ProbelyApiScanSettings: probely.ApiScanSettings,
  ProbelyNextScan: probely.NextScan,
  ProbelyLabel: probely.Label,
  ProbelyScanningAgent: probely.ScanningAgent,
  ProbelyUser: probely.User,
  ProbelyBlackoutPeriod: probely.BlackoutPeriod,
  ProbelyDetail: probely.Detail,
  ProbelyFieldErrors: probely.FieldErrors
}
