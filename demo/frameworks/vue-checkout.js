// Vue 3 example: <rebilly-instruments> used directly, with no wrapper.
//
// Vue sets a binding as a DOM *property* when the element has one (`items` arrives as an array), and
// `onDataReady` / `@data-ready` listens for the `data-ready` event (Vue hyphenates the name). In templates,
// tell the compiler the tag is a custom element, or Vue tries to resolve it as a component:
//   Vite:  vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'rebilly-instruments' } } })
//   runtime compiler: app.config.compilerOptions.isCustomElement = (tag) => tag === 'rebilly-instruments'
// and write
//   <rebilly-instruments :publishable-key.prop="key" :organization-id.prop="org" :website-id.prop="site"
//     :items.prop="items" @data-ready="onReady($event.detail)" @purchase-completed="onPaid($event.detail)"
//     @error="onError($event.detail)" />
// (`.prop` forces a property; without it Vue still picks the property because the element has it.)
// The tag must be registered first: `import 'rebilly-instruments-element/define'`.
import { defineComponent, h } from 'vue';

export const Checkout = defineComponent({
  name: 'Checkout',
  props: {
    publishableKey: { type: String, required: true },
    organizationId: { type: String, required: true },
    websiteId: { type: String, required: true },
    items: { type: Array, default: undefined },
    apiUrl: { type: String, default: undefined },
    framepayUrl: { type: String, default: undefined },
    locale: { type: String, default: undefined },
  },
  emits: ['ready', 'paid', 'error'],
  setup(props, { emit }) {
    return () =>
      h('rebilly-instruments', {
        publishableKey: props.publishableKey,
        organizationId: props.organizationId,
        websiteId: props.websiteId,
        items: props.items,
        apiUrl: props.apiUrl,
        framepayUrl: props.framepayUrl,
        locale: props.locale,
        onDataReady: (event) => emit('ready', event.detail),
        onPurchaseCompleted: (event) => emit('paid', event.detail),
        onError: (event) => emit('error', event.detail),
      });
  },
});
