// React 19 example: <rebilly-instruments> used directly, with no wrapper.
//
// React 19 sets a prop as a *property* when the custom element has one (so `items`, an array, reaches the
// element as an array, not as "[object Object]"), and a prop named `on` + an event name adds a listener
// for that exact event name: `ondata-ready`, `onpurchase-completed`, `onerror` (all lower case, as the
// events are spelled; `onError` would be React's own synthetic handler, which custom elements do not get).
// The tag must be registered before React renders it: `import 'rebilly-instruments-element/define'`.
//
// With JSX this is:
//   <rebilly-instruments publishableKey={key} organizationId={org} websiteId={site} items={items}
//     ondata-ready={(e) => onReady(e.detail)} onpurchase-completed={(e) => onPaid(e.detail)}
//     onerror={(e) => onError(e.detail)} />
import { createElement } from 'react';

/**
 * @param {{
 *   publishableKey: string, organizationId: string, websiteId: string, items: unknown, apiUrl?: string,
 *   framepayUrl?: string,
 *   locale?: string, onReady?: (detail: any) => void, onPaid?: (detail: any) => void,
 *   onError?: (detail: any) => void,
 * }} props
 */
export function Checkout({ publishableKey, organizationId, websiteId, items, apiUrl, framepayUrl, locale, onReady, onPaid, onError }) {
  return createElement('rebilly-instruments', {
    publishableKey,
    organizationId,
    websiteId,
    items,
    apiUrl,
    framepayUrl,
    locale,
    'ondata-ready': (event) => onReady?.(event.detail),
    'onpurchase-completed': (event) => onPaid?.(event.detail),
    onerror: (event) => onError?.(event.detail),
  });
}
