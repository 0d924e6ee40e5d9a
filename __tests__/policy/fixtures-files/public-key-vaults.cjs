// Preloaded into `npm run synth` (node --require) by the end-to-end policy test: it
// stands for a construct regression, every Key Vault written with public network access on.
const { KeyVault } = require('@cdktf/provider-azurerm/lib/key-vault');

const original = KeyVault.prototype.synthesizeAttributes;
KeyVault.prototype.synthesizeAttributes = function synthesizeAttributes() {
  return { ...original.call(this), public_network_access_enabled: true };
};
