// Key Vault for the payment webhooks' signing secrets and the customer portal's link keys. RBAC only (no access policies); the app reads secrets through
// Key Vault references resolved with its managed identity.

@description('Key Vault name: 3-24 letters, digits and hyphens.')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the vault.')
param location string

@description('Tags for every resource.')
param tags object

@description('Principal id of the function app identity, allowed to read secrets.')
param appPrincipalId string

@description('Name of the function app identity; names its role assignments, which must be known before deployment.')
param appIdentityName string

@description('Stripe endpoint secret (whsec_...).')
@secure()
param stripeWebhookSecret string

@description('Standard Webhooks secret of the payments provider (whsec_ + base64).')
@secure()
param paymentsWebhookSecret string

@description('Secret of the key that signs customer portal links (base64 of at least 32 bytes); empty for no portal.')
@secure()
param portalKeySecret string

@description('Secret of the portal key being retired, still accepted until its NotAfter; empty for none.')
@secure()
param portalPreviousKeySecret string

@description('Whether portalKeySecret is set (the portal is on).')
param portalEnabled bool

@description('Whether portalPreviousKeySecret is set.')
param portalPreviousKeyEnabled bool

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6' // Key Vault Secrets User

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

// One secret per provider, webhook-<provider>, read by the app setting ArFunctions__Webhooks__Secrets__<provider>.
resource stripe 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'webhook-stripe'
  properties: {
    value: stripeWebhookSecret
    contentType: 'text/plain'
  }
}

resource payments 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'webhook-payments'
  properties: {
    value: paymentsWebhookSecret
    contentType: 'text/plain'
  }
}

// The portal's link keys: portal-key signs new links, portal-key-previous verifies the links it signed until its
// NotAfter (docs/portal.md, keys and rotation). Read by ArFunctions__Portal__Keys__<n>__Secret.
resource portalKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (portalEnabled) {
  parent: vault
  name: 'portal-key'
  properties: {
    value: portalKeySecret
    contentType: 'text/plain'
  }
}

resource portalPreviousKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (portalPreviousKeyEnabled) {
  parent: vault
  name: 'portal-key-previous'
  properties: {
    value: portalPreviousKeySecret
    contentType: 'text/plain'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appIdentityName, keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// Versionless URIs: the app picks up a rotated secret when App Service refreshes the reference (within a day, or on
// restart).
output stripeSecretUri string = stripe.properties.secretUri
output paymentsSecretUri string = payments.properties.secretUri
output portalKeySecretUri string = portalEnabled ? portalKey!.properties.secretUri : ''
output portalPreviousKeySecretUri string = portalPreviousKeyEnabled ? portalPreviousKey!.properties.secretUri : ''
