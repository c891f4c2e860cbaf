import { BadRequest, ErrorBody, Integration, Scan, ScanCreate, ScanPatch } from './schemas'

/** Neostra's schemas as named OpenAPI components (src/openapi-document.ts finds them by shape). */
export const NEOSTRA_COMPONENTS = {
  NeostraScan: Scan,
  NeostraScanCreate: ScanCreate,
  NeostraScanPatch: ScanPatch,
  NeostraIntegration: Integration,
  NeostraBadRequest: BadRequest,
  NeostraError: ErrorBody
}
