// The import structure the code must keep (README, Architecture): run by `npm run deps:check`, part of `npm test`.
// Each folder under src/ is one unit; a folder imports only folders below it.
const FEATURES = 'api-keys|audit|idempotency|firms|blocked-entities|blocklist|warnings|check|demo|reports|statistics|web|verification';
const KERNELS = 'auth|domain-names|lookalike|provenance|text';

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Two folders of src/ must never import each other, directly or through others.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/[^/]+/' },
      to: { circular: true },
    },
    {
      name: 'no-file-cycles',
      comment: 'No circle of imports between files either.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-feature',
      comment: 'platform/ is the ground floor: it knows no feature, no kernel and not the app that composes them.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/(platform|config)/' },
    },
    {
      name: 'config-imports-nothing',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/config/' },
    },
    {
      name: 'kernels-import-only-platform',
      comment: 'Shared kernels (auth, domain names, look-alikes, provenance, text) serve every feature and import none.',
      severity: 'error',
      from: { path: `^src/(${KERNELS})/` },
      to: { path: '^src/', pathNot: ['^src/(platform|config)/', '^src/$1/'] },
    },
    {
      name: 'features-import-no-composition-root',
      comment: 'Only the top-level files (main, app, core module, entities) and cli/ compose features; nothing below imports them.',
      severity: 'error',
      from: { path: `^src/(${FEATURES}|${KERNELS}|platform)/` },
      to: { path: '^src/[^/]+\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    exclude: { path: '\\.spec\\.ts$' },
    // Type-only imports count: they tie folders together as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
