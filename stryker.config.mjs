// Mutation testing (StrykerJS 9: version 10 needs Node 22, the project supports Node 20.12 and later).
//
// `npm run test:mutation` mutates the stateful core of scanstub: the vendors, auth, the admin API and its
// state (src/core once the vendor seam lands) and the store. Each mutant runs only the test files that
// covered it (coverageAnalysis perTest: for the tap runner a "test" is a test file). Only in-process test
// files take part: the others start the built bundle (dist/) in child processes, which Stryker does not
// rebuild per mutant, so they could never see a mutant.
//
// A full run takes hours on the project's 2-core machine (see README, "Tests"): run a part of it with
//   npm run test:mutation -- --mutate src/admin/faults.ts
// and, to pick the test files too, STRYKER_TEST_FILES=test/admin/admin.test.ts,test/security.test.ts.

const inProcessTests = [
  'test/admin/*.test.ts',
  'test/auth/*.test.ts',
  'test/core/*.test.ts',
  'test/http/*.test.ts',
  'test/store/*.test.ts',
  'test/vendors/**/*.test.ts',
  'test/architecture.test.ts',
  'test/config.test.ts',
  'test/hardening.test.ts',
  'test/index.test.ts',
  'test/limits.test.ts',
  'test/openapi.test.ts',
  'test/security.test.ts'
]

// One part of the core at a time, with the test files that test it (STRYKER_PART=auth npm run test:mutation):
// each part's dry run and mutants then run only those files, which is what makes a part fit in a session
// here (src/auth: 218 mutants in about 12 minutes). Its results are kept in test/mutation/<part>.json
// (Stryker's incremental file, committed), so a later run tests only the mutants whose code or tests
// changed since.
const CORE_TESTS = ['test/core/*.test.ts', 'test/admin/*.test.ts', 'test/security.test.ts']
const NEOSTRA_TESTS = ['test/vendors/neostra/*.test.ts', 'test/limits.test.ts', 'test/security.test.ts']
const PROBELY_TESTS = ['test/vendors/probely/*.test.ts', 'test/limits.test.ts', 'test/security.test.ts']
const PARTS = {
  auth: { mutate: ['src/auth/**/*.ts'], tests: ['test/auth/*.test.ts', 'test/security.test.ts', 'test/admin/token-lifetime.test.ts', 'test/vendors/neostra/signin.test.ts'] },
  store: { mutate: ['src/store/**/*.ts'], tests: ['test/store/*.test.ts', 'test/limits.test.ts'] },
  // the admin clock route's tests live with the clock's, the admin health's with the health's, the fixture counts
  // of a kind two vendors share with the third vendor's
  admin: { mutate: ['src/admin/**/*.ts'], tests: ['test/admin/*.test.ts', 'test/security.test.ts', 'test/core/clock.test.ts', 'test/health.test.ts', 'test/vendors/acme/seam.test.ts'] },
  // src/core in four (the whole of it is more than a session here; a part's results are written only when it
  // ends), each with the same tests: the clock and its timers; the journal and what it hides; the matching of
  // requests (near misses, JSON subsets, globs); tenants, faults and the rest of the core's state
  'core-clock': { mutate: ['src/core/{clock,heap,duration}.ts'], tests: CORE_TESTS },
  'core-journal': { mutate: ['src/core/{journal,redact}.ts'], tests: CORE_TESTS },
  'core-match': { mutate: ['src/core/{near-misses,json-subset,glob}.ts'], tests: CORE_TESTS },
  'core-state': { mutate: ['src/core/{tenants,faults,metrics,index,refusal,formats,tenant-name}.ts'], tests: CORE_TESTS },
  vendors: { mutate: ['src/vendors/**/*.ts'], tests: ['test/vendors/**/*.test.ts', 'test/limits.test.ts', 'test/security.test.ts'] },
  // the vendors part by vendor (the whole of it is hours here): each vendor's folder with its own tests
  neostra: { mutate: ['src/vendors/neostra/**/*.ts'], tests: NEOSTRA_TESTS },
  probely: { mutate: ['src/vendors/probely/**/*.ts'], tests: PROBELY_TESTS },
  // and each vendor by concern, 300 to 450 lines a part (about a mutant a line; ~450 fit a session here)
  'neostra-cron': { mutate: ['src/vendors/neostra/{cron,cron-fields,list-query,validation,errors}.ts'], tests: NEOSTRA_TESTS },
  'neostra-workflow': { mutate: ['src/vendors/neostra/{workflow,workflow.schemas}.ts'], tests: NEOSTRA_TESTS },
  'neostra-tasks': { mutate: ['src/vendors/neostra/{tasks.repo,tasks.routes,stub,admin.routes}.ts'], tests: NEOSTRA_TESTS },
  'neostra-scans': { mutate: ['src/vendors/neostra/{scans.routes,scans.repo,schemas,openapi-components,near-misses}.ts'], tests: NEOSTRA_TESTS },
  'neostra-module': { mutate: ['src/vendors/neostra/{auth.routes,passwords,users.repo,integrations.routes,index,fixture}.ts'], tests: NEOSTRA_TESTS },
  'probely-text': { mutate: ['src/vendors/probely/{python-json,timezones,rules,ids}.ts'], tests: PROBELY_TESTS },
  'probely-datetime': { mutate: ['src/vendors/probely/datetime.ts'], tests: PROBELY_TESTS },
  'probely-drf': { mutate: ['src/vendors/probely/{drf,errors}.ts'], tests: PROBELY_TESTS },
  'probely-http': { mutate: ['src/vendors/probely/{negotiation,forms,pagination}.ts'], tests: PROBELY_TESTS },
  'probely-targets': { mutate: ['src/vendors/probely/{targets.routes,targets.write}.ts'], tests: PROBELY_TESTS },
  'probely-targets-data': { mutate: ['src/vendors/probely/{targets.repo,targets.schemas,target.serializer}.ts'], tests: PROBELY_TESTS },
  'probely-schedules': { mutate: ['src/vendors/probely/{scheduled-scans.routes,scheduled-scans.repo,scheduled-scan.serializer}.ts'], tests: PROBELY_TESTS },
  'probely-scheduler': { mutate: ['src/vendors/probely/{recurrence,scheduler,scheduler.repo}.ts'], tests: PROBELY_TESTS },
  'probely-scans': { mutate: ['src/vendors/probely/{scans.routes,scans.query,scans.render}.ts'], tests: PROBELY_TESTS },
  'probely-scans-data': { mutate: ['src/vendors/probely/{scans.repo,scans.schemas}.ts'], tests: PROBELY_TESTS },
  'probely-workflow': { mutate: ['src/vendors/probely/{workflow,workflow-fixture,workflow-module}.ts'], tests: PROBELY_TESTS },
  'probely-findings': { mutate: ['src/vendors/probely/{workflow-admin.routes,findings.routes,findings.repo,settings.repo}.ts'], tests: PROBELY_TESTS },
  'probely-module': { mutate: ['src/vendors/probely/{index,fixture,near-misses}.ts'], tests: PROBELY_TESTS },
  'probely-schemas': { mutate: ['src/vendors/probely/{schemas,openapi-components,scan-profiles.routes}.ts'], tests: PROBELY_TESTS }
}
const part = process.env.STRYKER_PART === undefined ? undefined : PARTS[process.env.STRYKER_PART]
if (process.env.STRYKER_PART !== undefined && part === undefined) {
  throw new Error(`STRYKER_PART must be one of ${Object.keys(PARTS).join(', ')} (got ${process.env.STRYKER_PART})`)
}

// ts-node (under tap's loader) only strips types in the test processes: checking them is the checker's job
process.env.TS_NODE_TRANSPILE_ONLY ??= '1'
// tap's own per-file timeout (30 s when a file runs outside the tap runner) is too short on a loaded machine
process.env.TAP_TIMEOUT ??= '300'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'tap',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: part?.mutate ?? [
    'src/vendors/**/*.ts',
    'src/auth/**/*.ts',
    'src/admin/**/*.ts',
    'src/core/**/*.ts',
    'src/store/**/*.ts'
  ],
  ...(part ? { incremental: true, incrementalFile: `test/mutation/${process.env.STRYKER_PART}.json` } : {}),
  tap: {
    testFiles: process.env.STRYKER_TEST_FILES ? process.env.STRYKER_TEST_FILES.split(',') : part?.tests ?? inProcessTests,
    // types stripped by esbuild as each .ts file is required (test/mutation/ts-require.cjs): tap's own
    // loader (ts-node) spent ~3 s of CPU per test process on it, for every mutant and test file (a file
    // that builds one app: 5 s wall, 3 s CPU with it, 1.4 s and 0.6 s with esbuild); types are the checker's job
    nodeArgs: ['-r', '{{hookFile}}', '-r', './test/mutation/ts-require.cjs', '{{testFile}}'],
    forceBail: true
  },
  coverageAnalysis: 'perTest',
  // one test process at a time: the machine has two cores, shared
  concurrency: 1,
  // on top of the file's own time in the dry run (x1.5): a mutant that hangs (a promise never settled, a
  // retry loop) is a timeout, counted as caught; 60 s each made the store part's eight such mutants take
  // longer than all its others, and a file that builds real apps needs no more than this over its dry run
  timeoutMS: 20_000,
  ignorePatterns: ['dist', '.tap', 'data', 'bench/results.*', 'reports', '.launcher-test-*', '*.db', '*.db-wal', '*.db-shm'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null }
}
