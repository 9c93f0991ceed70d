import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Model builds and property-based runs take seconds on a busy 2-core machine.
    testTimeout: 30_000,
  },
})
