import { BadRequest, ErrorBody, Integration, ScanCreate, ScanPatch } from './schemas'
import { ScanView, SelectTenant, Settings, SignIn, SignInData, SignedInUser, Task, TaskCounts, TaskPatch, TenantRef } from './workflow.schemas'

/** Neostra's schemas as named OpenAPI components (src/openapi-document.ts finds them by shape). */
export const NEOSTRA_COMPONENTS = {
  // issue 18: the routes answer the scan with its roll-up (status, lastRunAt, task counts)
  NeostraScan: ScanView,
  NeostraScanCreate: ScanCreate,
  NeostraScanPatch: ScanPatch,
  NeostraTaskCounts: TaskCounts,
  NeostraTask: Task,
  NeostraTaskPatch: TaskPatch,
  NeostraSignIn: SignIn,
  NeostraSignInData: SignInData,
  NeostraSelectTenant: SelectTenant,
  NeostraSignedInUser: SignedInUser,
  NeostraTenantRef: TenantRef,
  NeostraSettings: Settings,
  NeostraIntegration: Integration,
  NeostraBadRequest: BadRequest,
  NeostraError: ErrorBody
}
