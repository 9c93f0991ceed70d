/**
 * `npm run studio`: Portage Studio, the authoring tool, at http://127.0.0.1:4174/studio/.
 *
 *   npm run studio -- [--root <working tree>] [--port 4174] [--host 127.0.0.1]
 *
 * Edits the working tree's scenes/ and assets/ (or those under --root). It listens on the loopback
 * address only, unless --host names another (then anyone who can reach that address can edit the
 * content: only on a network you trust). A development tool: never part of the production build.
 */
import { parseArgs } from 'node:util'
import { startStudio, STUDIO_DEFAULTS } from './studio'

async function main(): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        root: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    console.error(`studio: ${(e as Error).message} (see --help)`)
    return 2
  }
  if (values.help) {
    console.log('usage: npm run studio -- [--root <working tree>] [--port 4174] [--host 127.0.0.1]')
    return 0
  }
  const port = values.port === undefined ? STUDIO_DEFAULTS.port : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('studio: --port must be a port number, e.g. 4174')
    return 2
  }
  const studio = await startStudio({ root: values.root, port, host: values.host })
  console.log(`Portage Studio: ${studio.url}/studio/  (editing ${studio.root}/scenes and /assets)`)
  console.log(`The visitor's app, for Preview: ${studio.url}/`)
  if (values.host && !['127.0.0.1', 'localhost', '::1'].includes(values.host))
    console.warn(`! listening on ${values.host}: anyone who can reach it can change the content`)
  const stop = () => {
    void studio.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return -1
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (e: unknown) => {
    const err = e as NodeJS.ErrnoException
    console.error(
      err.code === 'EADDRINUSE'
        ? `studio: the port is in use (another studio?): choose one with --port`
        : `studio: ${err.message}`,
    )
    process.exitCode = 1
  },
)
