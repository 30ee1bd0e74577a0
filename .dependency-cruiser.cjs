// Structure rules (issue 11), run by `npm run lint:structure` and .ci/run.
// The kernel (src/kernel, src/http, src/ui, src/lib, src/db, src/i18n,
// src/config.ts) knows no module; modules meet only through the kernel or
// another module's public surface (service.ts: its service
// functions; index.ts: its pure rules and types; ui.ts: page pieces others embed); no cycles.
// The composition roots (src/app.ts, src/wiring.ts, src/bootstrap.ts,
// src/server.ts, src/jobs, src/seed, src/modules/routes.ts) may know every module.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle makes load order and ownership unclear.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-not-to-modules',
      comment: 'The kernel knows no module: it is handed what it needs by the composition root.',
      severity: 'error',
      from: { path: '^src/(kernel|http|ui|lib|db|i18n)/|^src/config\\.ts$' },
      to: { path: '^src/(modules/|wiring\\.ts$|app\\.ts$|jobs/|seed/)' },
    },
    {
      name: 'no-foreign-repo',
      comment: 'A table has one owning module: only its repo writes it; others go through its service.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/repo\\.tsx?$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'public-surface-only',
      comment: 'Another module is reached only through its service.ts, index.ts or ui.ts.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(service|index|ui)\\.tsx?$'],
      },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    includeOnly: '^src/',
  },
};
