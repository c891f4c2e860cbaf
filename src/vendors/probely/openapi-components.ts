import * as probely from './schemas'
import * as scans from './scans.schemas'
import * as targets from './targets.schemas'

/** Probely's schemas as named OpenAPI components (src/openapi-document.ts finds them by shape). */
export const PROBELY_COMPONENTS = {
  ProbelyTarget: probely.Target,
  ProbelyScheduledScan: probely.ScheduledScan,
  ProbelyScheduledScanCreate: probely.ScheduledScanCreate,
  ProbelyScheduledScanPatch: probely.ScheduledScanPatch,
  ProbelyScanProfile: probely.ScanProfile,
  ProbelyTargetCreate: targets.TargetCreate,
  ProbelyTargetPatch: targets.TargetPatch,
  ProbelyTargetBulkUpdate: targets.TargetBulkUpdate,
  ProbelyTargetIds: targets.BulkIds,
  ProbelyNestedTarget: probely.NestedTarget,
  ProbelySite: probely.Site,
  ProbelyApiScanSettings: probely.ApiScanSettings,
  ProbelyNextScan: probely.NextScan,
  ProbelyLabel: probely.Label,
  ProbelyScanningAgent: probely.ScanningAgent,
  ProbelyUser: probely.User,
  ProbelyBlackoutPeriod: probely.BlackoutPeriod,
  ProbelyScan: scans.Scan,
  ProbelyScanTarget: scans.ScanTarget,
  ProbelyScanOptions: scans.ScanOptions,
  ProbelyTargetOptions: scans.TargetOptions,
  ProbelyLastScan: scans.LastScan,
  ProbelyScanNow: scans.ScanNowBody,
  ProbelyBulk: scans.BulkBody,
  ProbelyFinding: scans.Finding,
  ProbelyFindingDefinition: scans.FindingDefinition,
  ProbelySettings: scans.ProbelySettings,
  ProbelyScanError: scans.ScanError,
  ProbelyDetail: probely.Detail,
  ProbelyFieldErrors: probely.FieldErrors
}
