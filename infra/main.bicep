// ArFunctions: everything `azd up` provisions. Subscription scope so that azd creates the resource group too.
// Local modules only (registry modules cannot be restored on the build machines).
targetScope = 'subscription'

@description('Name of the azd environment; resource names and the azd-env-name tag derive from it.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Region for every regional resource.')
@minLength(1)
param location string

@description('Object id of the person or pipeline running azd; gets table and queue access for imports and backfills. Empty for none.')
param principalId string = ''

@description('Principal type of principalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Client id of the Entra ID app registration people sign in with (infra/scripts/create-app-registration.sh makes it). Empty: sign-in is not configured and the collector routes serve no person.')
param authClientId string = ''

@description('Tenant of the app registration; the deployment\'s tenant by default.')
param authTenantId string = tenant().tenantId

@description('FlexConsumption (FC1, default) or ElasticPremium (EP1, for regions without Flex Consumption or apps that need always-ready instances).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Most instances Flex Consumption scales out to.')
@minValue(40)
@maxValue(1000)
param flexMaximumInstanceCount int = 100

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param flexInstanceMemoryMB int = 2048

@description('Most instances Elastic Premium scales out to.')
@minValue(1)
@maxValue(100)
param premiumMaximumInstanceCount int = 20

@description('NCRONTAB schedule of the daily run, six fields, in UTC (Linux plans ignore WEBSITE_TIME_ZONE).')
param dailyRunSchedule string = '0 0 5 * * *'

@description('IANA time zone whose calendar decides the business date of a run.')
param businessTimeZone string = 'Europe/Berlin'

@description('Number of customer shards; fixed for the life of the data.')
@minValue(1)
param shardCount int = 64

@description('Prefix of every table name.')
param tablePrefix string = 'ar'

@description('Prefix of every queue name (lower-case letters, digits, hyphens): \'ar-\' gives ar-shards, ar-emails, ar-tasks, ar-payments.')
@minLength(1)
@maxLength(20)
param queuePrefix string = 'ar-'

@description('Path of the collection policy, relative to the app root.')
param policyPath string = 'config/policy.sample.json'

@description('Days of history the KPIs cover.')
@minValue(1)
param kpiPeriodDays int = 90

@description('Customers processed between two checkpoints of a shard.')
@minValue(1)
param checkpointEvery int = 500

@description('Display name of the sender.')
param senderName string = 'Accounts Receivable'

@description('Our company as customers know it: signs every email and opens every subject; empty means senderName.')
param companyName string = ''

@description('The AR team\'s mailbox: named in every email and the Reply-To unless replyTo is set.')
param arMailbox string = ''

@description('Reply-to address when not the AR mailbox; empty for the AR mailbox.')
param replyTo string = ''

@description('Where customers send payments, printed in every email; | separates lines. The app refuses to start without it.')
param remitTo string = ''

@description('How customers pay, printed in every email. The app refuses to start without it.')
param paymentInstructions string = ''

@description('Emails sent per minute; Azure-managed domains allow 5 per minute and 10 per hour.')
@minValue(1)
param sendsPerMinute int = 5

@description('Accepted clock skew of webhook signatures in seconds.')
@minValue(1)
param webhookToleranceSeconds int = 300

@description('Where Communication Services keeps data at rest.')
param emailDataLocation string = 'Europe'

@description('Custom mail domain to create (for example mail.example.com); empty for none.')
param customEmailDomain string = ''

@description('Send from the custom domain; set true only once its DNS records are verified.')
param linkCustomEmailDomain bool = false

@description('Sender user name on the custom domain.')
param customSenderUserName string = 'DoNotReply'

@description('Stripe endpoint secret (whsec_...); empty leaves a random placeholder nobody knows, so every Stripe webhook is refused (401).')
@secure()
param stripeWebhookSecret string = ''

@description('Payments provider Standard Webhooks secret (whsec_ + base64); empty leaves a random placeholder nobody knows, so every payments webhook is refused (401).')
@secure()
param paymentsWebhookSecret string = ''

@description('Secret of the key that signs customer portal links: base64 of at least 32 random bytes (openssl rand -base64 32). Empty turns the portal off: emails carry no link.')
@secure()
param portalKeySecret string = ''

@description('Id of that key, written into every link it signs; give a new id whenever the secret changes.')
param portalKeyId string = 'k1'

@description('When rotating: the secret of the key being retired; links it signed keep opening until portalPreviousKeyNotAfter. Empty for none.')
@secure()
param portalPreviousKeySecret string = ''

@description('Id of the key being retired (its old portalKeyId).')
param portalPreviousKeyId string = ''

@description('Until when links signed by the retiring key open (ISO 8601, e.g. 2027-01-31T00:00:00Z); at least the policy\'s portal.linkDays after the rotation.')
param portalPreviousKeyNotAfter string = ''

@description('The address in portal links; empty for the app\'s default host name.')
param portalBaseUrl string = ''

@description('Seed of the placeholder secrets; leave the default.')
@secure()
param placeholderSeed string = newGuid()

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

var serviceName = 'arfunctions'
var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var appName = 'func-${environmentName}-${token}'

// Until a real secret is set, the vault holds a random one of the shape the app accepts, derived from placeholderSeed
// (a new guid on every deployment, never output). The app then starts with the source enabled and refuses every request
// as wrongly signed (401), since nobody knows the key. A shape the app rejects (the old 'unset-...') would disable the
// source instead (503), which is a state for a broken setting, not for one that is merely not set yet.
// Stripe: 'whsec_' + 32 hex digits. Standard Webhooks: 'whsec_' + base64 of 36 key bytes (the guid's text).
var stripePlaceholderSecret = 'whsec_${replace(guid(placeholderSeed, 'stripe'), '-', '')}'
var paymentsPlaceholderSecret = 'whsec_${base64(guid(placeholderSeed, 'payments'))}'
// Links in emails point here: the app's default host name unless portalBaseUrl names another (a custom domain).
var portalAddress = empty(portalBaseUrl) ? 'https://${appName}.azurewebsites.net' : portalBaseUrl
var identityName = 'id-${environmentName}-${token}'
var storageAccountName = 'st${token}'
var communicationName = 'acs-${environmentName}-${token}'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: group
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    name: storageAccountName
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    appIdentityName: identityName
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
    deploymentContainerName: 'deployments'
    tablePrefix: tablePrefix
    queuePrefix: queuePrefix
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    workspaceName: 'log-${environmentName}-${token}'
    appInsightsName: 'appi-${environmentName}-${token}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    appIdentityName: identityName
    retentionInDays: logRetentionInDays
  }
}

module vault 'modules/keyvault.bicep' = {
  scope: group
  params: {
    name: 'kv${token}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    appIdentityName: identityName
    stripeWebhookSecret: empty(stripeWebhookSecret) ? stripePlaceholderSecret : stripeWebhookSecret
    paymentsWebhookSecret: empty(paymentsWebhookSecret) ? paymentsPlaceholderSecret : paymentsWebhookSecret
    portalKeySecret: portalKeySecret
    portalPreviousKeySecret: portalPreviousKeySecret
    portalEnabled: !empty(portalKeySecret)
    portalPreviousKeyEnabled: !empty(portalKeySecret) && !empty(portalPreviousKeySecret)
  }
}

module communication 'modules/communication.bicep' = {
  scope: group
  params: {
    communicationName: communicationName
    emailServiceName: 'ecs-${environmentName}-${token}'
    dataLocation: emailDataLocation
    tags: tags
    appPrincipalId: identity.outputs.principalId
    appIdentityName: identityName
    customDomainName: customEmailDomain
    linkCustomDomain: linkCustomEmailDomain
    customSenderUserName: customSenderUserName
  }
}

module deliveryReports 'modules/deliveryreports.bicep' = {
  scope: group
  params: {
    communicationName: communicationName
    storageAccountName: storageAccountName
    queueName: '${queuePrefix}delivery-reports'
    tags: tags
  }
  // The resource and the queue must exist before the subscription can point at them.
  dependsOn: [
    communication
    storage
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  scope: group
  params: {
    name: appName
    planName: 'plan-${environmentName}-${token}'
    location: location
    tags: tags
    appTags: union(tags, { 'azd-service-name': serviceName })
    hostingPlan: hostingPlan
    flexMaximumInstanceCount: flexMaximumInstanceCount
    flexInstanceMemoryMB: flexInstanceMemoryMB
    premiumMaximumInstanceCount: premiumMaximumInstanceCount
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    tableServiceUri: storage.outputs.tableEndpoint
    queueServiceUri: storage.outputs.queueEndpoint
    appInsightsConnectionString: monitoring.outputs.connectionString
    emailEndpoint: communication.outputs.endpoint
    senderAddress: communication.outputs.senderAddress
    stripeSecretUri: vault.outputs.stripeSecretUri
    paymentsSecretUri: vault.outputs.paymentsSecretUri
    portalBaseUrl: portalAddress
    portalKeyId: portalKeyId
    portalKeySecretUri: vault.outputs.portalKeySecretUri
    portalPreviousKeyId: portalPreviousKeyId
    portalPreviousKeySecretUri: vault.outputs.portalPreviousKeySecretUri
    portalPreviousKeyNotAfter: portalPreviousKeyNotAfter
    authClientId: authClientId
    authTenantId: authTenantId
    settings: {
      dailyRunSchedule: dailyRunSchedule
      businessTimeZone: businessTimeZone
      shardCount: shardCount
      tablePrefix: tablePrefix
      queuePrefix: queuePrefix
      policyPath: policyPath
      kpiPeriodDays: kpiPeriodDays
      checkpointEvery: checkpointEvery
      senderName: senderName
      companyName: companyName
      arMailbox: arMailbox
      replyTo: replyTo
      remitTo: remitTo
      paymentInstructions: paymentInstructions
      sendsPerMinute: sendsPerMinute
      webhookToleranceSeconds: webhookToleranceSeconds
    }
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = functionApp.outputs.url
output EMAIL_SENDER_ADDRESS string = communication.outputs.senderAddress
output EMAIL_ENDPOINT string = communication.outputs.endpoint
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output TABLE_SERVICE_URI string = storage.outputs.tableEndpoint
output QUEUE_SERVICE_URI string = storage.outputs.queueEndpoint
output KEY_VAULT_NAME string = vault.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
output LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.workspaceName
output CUSTOM_EMAIL_DOMAIN_VERIFICATION_RECORDS object = communication.outputs.customDomainVerificationRecords
