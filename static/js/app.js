// Start GOV.UK Frontend's components (progressive enhancement: every page works without this).
import { initAll } from '../vendor/govuk/govuk-frontend.min.js'

initAll()
