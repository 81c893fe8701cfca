// Connecting QuickBooks Online from the page: the service gives Intuit's sign-in address, the browser goes there.
import { api, plainError } from './api-client.js';

/** Starts a connect (or a reconnect of the same company): to Intuit and back. */
export async function startQboConnect(showError) {
  try {
    const { authorizeUrl } = await api('POST', '/api/connections/qbo');
    window.location.assign(authorizeUrl);
  } catch (error) {
    showError(error.status === 404 ? 'This service does not offer QuickBooks Online.' : plainError(error));
  }
}
