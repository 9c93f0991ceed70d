/**
 * The walls of the house (docs/architecture.md), checked by `npm run lint`.
 *
 * One rule per arrow that must never exist. Each rule's `comment` is what a developer reads when
 * the rule fires, so it says why the wall is there and where the code should go instead.
 * Paths are relative to the repository root; npm packages resolve to `node_modules/<name>/...`.
 */

/** Store modules: a zustand store factory (`*-store.ts`, `store.ts`) or the kiosk controller. */
const STORE_MODULE = '(^|/|-)store\\.tsx?$|^src/modes/kiosk/controller\\.ts$'
/** A store module outside the shells, its folder captured as $1. */
const STORE_MODULE_IN_FOLDER =
  '^(?=.*(?:/|-)store\\.tsx?$|src/modes/kiosk/controller\\.ts$)(src/(?!shells/).+/)[^/]+$'
const STORE_COMMENT =
  'Only a shell (src/shells/) value-imports a store module (*-store.ts, store.ts, the kiosk ' +
  'controller): the shell creates the stores and chooses what persists. Anywhere else, import ' +
  "the store's TYPE (import type) and receive the instance from the shell (props, context, " +
  "ports). A store created at import time outlives a visit: a kiosk visitor's caption choice " +
  'survives into the next visit. Values that are not the factory (defaults, tuning, selectors) ' +
  'belong in a file of their own.'
/** Libraries that make code a view or a store: never in the core or in pure logic. */
const UI_LIBRARIES =
  '(^|/)node_modules/(react|react-dom|three|three-stdlib|zustand|@react-three/[^/]+|@pmndrs/[^/]+)/'
/** Node-side code: the tools and the benchmark runner (bench/plain is a browser page). */
const NODE_SIDE = '^(tools/|bench/(?!plain/))'

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    // --- The core -------------------------------------------------------------------------------
    {
      name: 'core-imports-only-core',
      severity: 'error',
      comment:
        'src/core/ (content, engine, i18n, security, boot) imports nothing outside src/core/. The ' +
        'tools, every shell and every mode build on it; if the core names a feature or a mode, ' +
        'that code lands in every download and every tool. Move the shared piece into src/core/, ' +
        'or pass it in from the caller.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-no-ui-libraries',
      severity: 'error',
      comment:
        'src/core/ is plain TypeScript: no React, three.js, zustand or @react-three/*. It runs in ' +
        'Node (the pipeline, the unit tests) and in the browser before any 3D code has downloaded. ' +
        'Put the view in a feature and keep the logic here as plain functions over plain data.',
      from: { path: '^src/core/' },
      to: { path: UI_LIBRARIES },
    },
    {
      name: 'kiosk-logic-pure',
      severity: 'error',
      comment:
        'src/modes/kiosk/logic/ holds pure state machines over explicit time (idle, attract, PIN, ' +
        'watchdog), tested in Node: no React, three.js or zustand. The binding that feeds them ' +
        'events lives one folder up.',
      from: { path: '^src/modes/kiosk/logic/' },
      to: { path: UI_LIBRARIES },
    },

    // --- State ----------------------------------------------------------------------------------
    {
      name: 'state-imports-only-core',
      severity: 'error',
      comment:
        'src/state/ (store factories, selectors, the React binding) imports only src/core/. ' +
        'Every feature, mode and shell reads state; if state imports one of them, the arrows ' +
        'turn round and a feature can no longer be left out. Move the type or value into ' +
        'src/state/ or src/core/, or let the shell pass it in.',
      from: { path: '^src/state/' },
      to: { path: '^src/', pathNot: '^src/(core|state)/' },
    },

    // --- Features -------------------------------------------------------------------------------
    {
      name: 'features-not-modes-or-shells',
      severity: 'error',
      comment:
        'A feature (src/features/) never imports a mode or a shell. Features are shared by every ' +
        'way in; a feature that names a mode drags that mode (e.g. the headset code) into every ' +
        'visit. A mode adds to a feature through a slot or port its shell passes in.',
      from: { path: '^src/features/' },
      to: { path: '^src/(modes|shells)/|^src/entry\\.tsx?$' },
    },

    // --- Modes ----------------------------------------------------------------------------------
    {
      name: 'mode-not-other-mode',
      severity: 'error',
      comment:
        'A mode (src/modes/<name>/) never imports another mode. Each way in must be removable and ' +
        'testable alone; what two modes share belongs in a feature, state or the core, and what ' +
        'one mode offers another is passed in by the shell (slots and ports).',
      from: { path: '^src/modes/([^/]+)/' },
      to: { path: '^src/modes/', pathNot: '^src/modes/$1/' },
    },
    {
      name: 'modes-not-shells',
      severity: 'error',
      comment:
        'A mode never imports a shell. The shell composes the mode, not the other way round; ask ' +
        'the shell for what you need as a prop, a slot or a port.',
      from: { path: '^src/modes/' },
      to: { path: '^src/shells/|^src/entry\\.tsx?$' },
    },

    // --- Entry ----------------------------------------------------------------------------------
    {
      name: 'entry-only-boot-and-shells',
      severity: 'error',
      comment:
        "src/entry.ts is the page's first script: it reads how the page was asked for through " +
        'src/core/boot/ and then imports (dynamically) the one shell for that way in. Anything ' +
        'else here is downloaded before the first paint of every visit.',
      from: { path: '^src/entry\\.tsx?$' },
      to: { path: '^src/', pathNot: '^src/(core/boot|shells)/' },
    },

    // --- Stores ---------------------------------------------------------------------------------
    {
      name: 'store-factories-only-from-shells',
      severity: 'error',
      comment: STORE_COMMENT,
      // studio/src/main.tsx is the studio's shell: it creates the studio's stores.
      from: { pathNot: ['^src/shells/', '^studio/src/main\\.tsx$', STORE_MODULE] },
      to: { path: STORE_MODULE, dependencyTypesNot: ['type-only'] },
    },
    {
      // The one exception: a store module may build on a store module of its own folder
      // (modes/xr/headset-store.ts creating the xr-mode-store.ts store). Across folders it may not:
      // it receives the instance from the shell.
      name: 'store-factories-only-from-shells',
      severity: 'error',
      comment: STORE_COMMENT,
      from: { path: STORE_MODULE_IN_FOLDER },
      to: { path: STORE_MODULE, pathNot: '^$1[^/]+$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'stores-created-only-in-store-modules',
      severity: 'error',
      comment:
        'A zustand store is created (zustand/vanilla createStore) only in a store module ' +
        '(*-store.ts, store.ts, the kiosk controller), so that store-factories-only-from-shells ' +
        'sees every store. Rename the file, or move the store into one.',
      from: { pathNot: STORE_MODULE },
      to: { path: '(^|/)node_modules/zustand/(esm/)?vanilla\\.', dependencyTypesNot: ['type-only'] },
    },

    // --- Browser and Node -----------------------------------------------------------------------
    {
      name: 'browser-not-node-side',
      severity: 'error',
      comment:
        'Browser code (src/) never imports the Node side (tools/, bench/, tests/): it would pull ' +
        "Node modules and build code into the visitor's download. Move what both need into " +
        'src/core/.',
      from: { path: '^src/' },
      to: { path: '^(tools|bench|tests)/' },
    },
    {
      name: 'browser-no-node-builtins',
      severity: 'error',
      comment:
        'Browser code (src/) never imports a Node built-in module (fs, path, node:*): it does not ' +
        'exist in a browser. Do the Node work in tools/ and hand the browser data.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'node-side-imports-only-core',
      severity: 'error',
      comment:
        'The Node tools (tools/) and the benchmark runner (bench/) import only src/core/ from the ' +
        'browser side. They have their own tsconfig without the DOM; a feature or mode pulls in ' +
        'React, three.js and browser globals. Move the shared piece (a schema, a parser, tuning ' +
        'data) into src/core/.',
      from: { path: NODE_SIDE },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'bench-plain-is-not-the-app',
      severity: 'error',
      comment:
        'bench/plain/ is the baseline page: plain three.js, measured against the app. It may ' +
        'borrow src/core/ and the camera tuning (src/features/stage/camera.ts, so both frame the ' +
        'model alike) but nothing else of the app, or the baseline measures the app.',
      from: { path: '^bench/plain/' },
      to: { path: '^src/', pathNot: '^src/core/|^src/features/stage/camera\\.ts$' },
    },

    // --- The studio (authoring tool, development only) -----------------------------------------
    {
      name: 'nothing-imports-studio',
      severity: 'error',
      comment:
        'Portage Studio (studio/) is a development tool served by `npm run studio` only. If the app ' +
        '(src/), the Node tools or the bench imported it, the authoring tool would land in the ' +
        "visitor's download or in the production server. Move what both need into src/core/.",
      from: { path: '^(src|tools|bench)/' },
      to: { path: '^studio/' },
    },
    {
      name: 'studio-uses-core-and-stage',
      severity: 'error',
      comment:
        'The studio (studio/) builds on the core (the tour schema, checks, i18n) and borrows the ' +
        "stage's model loading and marker colours (src/features/stage/), so a model looks and loads " +
        "as in the app. It never reaches the app's state, shells or modes: those are the visitor's, " +
        'made for a tour being visited, not edited. Ask the core for the shared piece instead.',
      from: { path: '^studio/' },
      to: { path: '^src/', pathNot: '^src/(core/|features/stage/(model-loading|markers|camera)\\.)' },
    },
    {
      name: 'studio-is-browser-code',
      severity: 'error',
      comment:
        'The studio is a browser app: it talks to the studio server (tools/studio) through its HTTP ' +
        'API, never by importing Node code (tools/, bench/, tests/) or Node built-in modules.',
      from: { path: '^studio/' },
      to: { path: '^(tools|bench|tests)/' },
    },
    {
      name: 'studio-is-browser-code',
      severity: 'error',
      comment:
        'The studio is a browser app: it talks to the studio server (tools/studio) through its HTTP ' +
        'API, never by importing Node code (tools/, bench/, tests/) or Node built-in modules.',
      from: { path: '^studio/' },
      to: { dependencyTypes: ['core'] },
    },

    // --- Cycles ---------------------------------------------------------------------------------
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment:
        'This module imports itself through a cycle. Which module of a cycle runs first depends on ' +
        'who imported whom first, so a value can be undefined at import time. Break the cycle by ' +
        'moving the shared piece into a module both import. A cycle through an `import type` or ' +
        'a dynamic import() is allowed: neither runs at import time.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment:
        'Two folders import each other (possibly through others), even where no module cycle ' +
        'exists; type imports count. Folders in a cycle can no longer be understood, tested or ' +
        'left out one at a time. Move the shared piece down a layer (features -> state -> core).',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },

    // --- The check itself -----------------------------------------------------------------------
    {
      name: 'imports-resolve',
      severity: 'error',
      comment:
        'This import does not resolve to a file, so none of the rules above can see where it ' +
        'goes (and the build would fail). Fix the path; after a move, rewrite the imports.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],

  options: {
    // Node modules are leaves: their resolved path is matched by the rules above, not cruised.
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(dist|assets|public|bench/tmp)/' },
    // Resolve as TypeScript does, and keep `import type` visible (as dependency type 'type-only').
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.mts', '.d.mts', '.mjs', '.js', '.json'],
    },
  },
}
