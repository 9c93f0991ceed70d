import react from '@vitejs/plugin-react'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { portageContent } from './scripts/vite-content'
import { portageSecurity } from './scripts/vite-security.ts'
import { portageSharePages } from './scripts/vite-share-pages'

const root = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  plugins: [react(), portageContent(root), portageSharePages(root), ...portageSecurity(root)],
  resolve: {
    // IWER's dev UI nests its own three; dedupe keeps one copy of three and React.
    dedupe: ['three', 'react', 'react-dom'],
  },
  build: {
    // `assets/` is our content folder (served at /assets/): keep Vite's hashed output apart.
    assetsDir: 'app',
    target: 'es2022',
    sourcemap: true,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
})
