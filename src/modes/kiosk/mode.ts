/** `?mode=kiosk` turns the kiosk on (src/main.tsx loads this folder only then). */
export const isKioskMode = (search = location.search) => new URLSearchParams(search).get('mode') === 'kiosk'
