export default defineBackground(() => {
  // The service worker wires browser events (badge, context menu, commands) to the
  // content scripts; each feature registers its listeners here as it lands.
});
