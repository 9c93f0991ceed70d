/**
 * Bad input never takes the tour down: a missing model is a message on its stop, a broken tour
 * file is reported on its card with paths while the others work, and a link to a state that does
 * not exist lands on the nearest valid one with a friendly notice.
 */
import { expect, test, waitForStopFrame, withFixtureTours } from './fixtures'

test('a stop whose model is missing shows the error and the next stop still works', async ({ page }) => {
  await withFixtureTours(page, { 'fixture-two-stops': 'tests/fixtures/tours/two-stops.tour.json' })
  await page.goto('/?lang=en')
  await page
    .locator('[data-tour="fixture-two-stops"]')
    .getByRole('button', { name: 'Start the tour' })
    .click()
  await expect(page.getByTestId('model-error')).toContainText('could not be loaded')
  // The stories of the broken stop are still there.
  await expect(page.getByRole('heading', { name: 'Stories at this stop' })).toBeVisible()
  await page.getByRole('button', { name: 'Next stop' }).click()
  await expect(page.getByTestId('model-error')).toBeHidden()
  await waitForStopFrame(page, 'working-stop')
})

test('a broken tour file is reported with its JSON paths; the other tours still open', async ({ page }) => {
  await withFixtureTours(page, { 'fixture-broken': 'tests/fixtures/tours/broken.tour.json' })
  await page.goto('/?lang=en')
  const broken = page.locator('[data-tour="fixture-broken"]')
  await expect(broken.getByRole('alert')).toContainText("can't be opened")
  await broken.getByText('Show the problems').click()
  await expect(broken.getByText('stops[0].hotspots[0].value')).toBeVisible()
  await expect(broken.getByText('stops[0].hotspots[0].title.fr')).toBeVisible()

  await page.locator('[data-tour="parliament-hill"]').getByRole('button', { name: 'Start the tour' }).click()
  await waitForStopFrame(page, 'parliament-hill')
})

test('a link to a state that does not exist lands on the nearest valid state, kindly', async ({ page }) => {
  await page.goto('/?tour=parliament-hill&stop=no-such-stop&hotspot=no-such-story&lang=fr')
  await expect(page.getByTestId('notices')).toContainText('L’étape « no-such-stop » est introuvable')
  await expect(page.getByTestId('notices')).toContainText('Le récit « no-such-story » est introuvable')
  await expect(page).toHaveURL(/stop=parliament-hill/)
  await expect(page).not.toHaveURL(/hotspot=/)

  await page.goto('/?tour=atlantis&lang=en')
  await expect(page.getByTestId('notices')).toContainText("We couldn't find the tour “atlantis”")
  await expect(page.getByRole('heading', { name: 'Choose a tour' })).toBeVisible()
})
