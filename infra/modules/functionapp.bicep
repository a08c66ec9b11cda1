// The function app (a .NET 10 isolated worker, published framework-dependent) and its plan.
// Flex Consumption (FC1) is the default; Elastic Premium (EP1) is the fallback for regions without Flex Consumption
// or for always-ready instances (see docs/deploy.md).

@description('Name of the function app.')
param name string

@description('Name of the hosting plan.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags for the plan.')
param tags object

@description('Tags for the app; azd finds the app it deploys to by its azd-service-name tag.')
param appTags object

@description('FlexConsumption (FC1) or ElasticPremium (EP1).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

@description('Most instances Flex Consumption scales out to.')
@minValue(40)
@maxValue(1000)
param flexMaximumInstanceCount int

@description('Memory per Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param flexInstanceMemoryMB int

@description('Most instances Elastic Premium scales out to.')
@minValue(1)
@maxValue(100)
param premiumMaximumInstanceCount int

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the host storage account (AzureWebJobsStorage).')
param storageAccountName string

@description('Blob container URL Flex Consumption deploys packages to.')
param deploymentContainerUrl string

@description('Table service endpoint of the app storage.')
param tableServiceUri string

@description('Queue service endpoint of the app storage.')
param queueServiceUri string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Communication Services endpoint (https://<name>.communication.azure.com).')
param emailEndpoint string

@description('Address mail is sent from.')
param senderAddress string

@description('Key Vault secret URI of the Stripe webhook secret.')
param stripeSecretUri string

@description('Key Vault secret URI of the Standard Webhooks payments secret.')
param paymentsSecretUri string

@description('Client id of the Entra ID app registration people sign in with (App Service authentication). Empty: authentication is not configured, and no identity header is trusted.')
param authClientId string

@description('Tenant of that registration.')
param authTenantId string

@description('The address in customer portal links.')
param portalBaseUrl string

@description('Id of the key that signs portal links.')
param portalKeyId string

@description('Key Vault secret URI of that key; empty turns the portal off (no portal settings).')
param portalKeySecretUri string

@description('Id of the portal key being retired; empty for none.')
param portalPreviousKeyId string

@description('Key Vault secret URI of the retiring key; empty for none.')
param portalPreviousKeySecretUri string

@description('Until when links of the retiring key open (ISO 8601).')
param portalPreviousKeyNotAfter string

@description('Application settings of the app that come straight from parameters (schedule, time zone, ...).')
param settings {
  dailyRunSchedule: string
  businessTimeZone: string
  shardCount: int
  tablePrefix: string
  queuePrefix: string
  policyPath: string
  kpiPeriodDays: int
  checkpointEvery: int
  senderName: string
  companyName: string
  arMailbox: string
  replyTo: string
  remitTo: string
  paymentInstructions: string
  sendsPerMinute: int
  webhookToleranceSeconds: int
}

var isFlex = hostingPlan == 'FlexConsumption'

// The worker's runtime: the app targets net10.0 (Microsoft.Azure.Functions.Worker). Flex Consumption names it in
// functionAppConfig.runtime; Elastic Premium in linuxFxVersion plus FUNCTIONS_WORKER_RUNTIME.
var workerRuntime = 'dotnet-isolated'
var dotnetVersion = '10.0'

// Every setting the app reads in Azure (tests/ArFunctions.Infra.Tests checks this list against
// local.settings.sample.json). Storage and email authenticate with the managed identity, never with keys.
var commonAppSettings = {
  // Identity-based host storage: blobs (timer leases, keys), queues (triggers).
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  DailyRunSchedule: settings.dailyRunSchedule
  ArFunctions__Storage__TableServiceUri: tableServiceUri
  ArFunctions__Storage__QueueServiceUri: queueServiceUri
  ArFunctions__Storage__ManagedIdentityClientId: identityClientId
  ArFunctions__Storage__ShardCount: string(settings.shardCount)
  ArFunctions__Storage__TablePrefix: settings.tablePrefix
  // The queue triggers name their queues '%ArFunctions:Storage:QueuePrefix%<base name>'; storage.bicep creates them.
  ArFunctions__Storage__QueuePrefix: settings.queuePrefix
  ArFunctions__Policy__Path: settings.policyPath
  ArFunctions__DailyRun__BusinessTimeZone: settings.businessTimeZone
  ArFunctions__DailyRun__KpiPeriodDays: string(settings.kpiPeriodDays)
  ArFunctions__DailyRun__CheckpointEvery: string(settings.checkpointEvery)
  ArFunctions__Email__Mode: 'Acs'
  ArFunctions__Email__Endpoint: emailEndpoint
  ArFunctions__Email__ManagedIdentityClientId: identityClientId
  ArFunctions__Email__SenderAddress: senderAddress
  ArFunctions__Email__SenderName: settings.senderName
  ArFunctions__Email__CompanyName: settings.companyName
  ArFunctions__Email__ArMailbox: settings.arMailbox
  ArFunctions__Email__ReplyTo: settings.replyTo
  ArFunctions__Email__RemitTo: settings.remitTo
  ArFunctions__Email__PaymentInstructions: settings.paymentInstructions
  ArFunctions__Email__SendsPerMinute: string(settings.sendsPerMinute)
  ArFunctions__Webhooks__Secrets__stripe: '@Microsoft.KeyVault(SecretUri=${stripeSecretUri})'
  ArFunctions__Webhooks__Secrets__payments: '@Microsoft.KeyVault(SecretUri=${paymentsSecretUri})'
  ArFunctions__Webhooks__ToleranceSeconds: string(settings.webhookToleranceSeconds)
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  // Entra auth for telemetry (local auth is off on the component).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// Flex Consumption takes the runtime and the package location from functionAppConfig and rejects these settings.
var premiumOnlyAppSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: workerRuntime
  // azd zip-deploys; the app then runs from the package kept in /home/data/SitePackages.
  WEBSITE_RUN_FROM_PACKAGE: '1'
}

// The signing key is Keys:0 (no NotAfter); a retiring key is Keys:1 with its NotAfter. No key secret, no portal settings.
var portalAppSettings = empty(portalKeySecretUri) ? {} : {
  ArFunctions__Portal__BaseUrl: portalBaseUrl
  ArFunctions__Portal__Keys__0__Id: portalKeyId
  ArFunctions__Portal__Keys__0__Secret: '@Microsoft.KeyVault(SecretUri=${portalKeySecretUri})'
}

var portalPreviousKeySettings = empty(portalKeySecretUri) || empty(portalPreviousKeySecretUri) ? {} : {
  ArFunctions__Portal__Keys__1__Id: portalPreviousKeyId
  ArFunctions__Portal__Keys__1__Secret: '@Microsoft.KeyVault(SecretUri=${portalPreviousKeySecretUri})'
  ArFunctions__Portal__Keys__1__NotAfter: portalPreviousKeyNotAfter
}

var appSettings = union(commonAppSettings, portalAppSettings, portalPreviousKeySettings, isFlex ? {} : premiumOnlyAppSettings)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: 'EP1'
        tier: 'ElasticPremium'
        family: 'EP'
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : premiumMaximumInstanceCount
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: appTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity (the default would be a system-assigned one we do not have).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Flex Consumption rejects linuxFxVersion: its runtime is functionAppConfig.runtime below.
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|${dotnetVersion}'
    }
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: deploymentContainerUrl
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identityId
              }
            }
          }
          scaleAndConcurrency: {
            maximumInstanceCount: flexMaximumInstanceCount
            instanceMemoryMB: flexInstanceMemoryMB
          }
          runtime: {
            name: workerRuntime
            version: dotnetVersion
          }
        }
      : null
  }
}

resource appSettingsConfig 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: appSettings
}

// People sign in with Entra ID (App Service authentication, Easy Auth v2). Every path requires a signed-in user except
// the excluded ones below. No client secret: the app needs the user's
// identity and app roles, which the ID token carries, not tokens for other APIs (docs/security.md). Browsers are sent
// to sign-in; API calls without a session get 401 from the platform.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(authClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      // Public: the payment webhooks (the processor signs them), the health probe and the customer page (its link is
      // its credential, docs/portal.md). Key-only: the admin and intake
      // routes, which machines (an ERP sync, a scheduler) call with a function key the Functions host checks; a person
      // there needs the Admin role as well (docs/security.md). Every other path requires a signed-in person.
      excludedPaths: [
        '/api/webhooks/*'
        '/api/health'
        '/api/portal/*'
        '/api/credits'
        '/api/customers'
        '/api/invoices'
        '/api/payments'
        '/api/payments/unmatched'
        '/api/payments/unmatched/*'
        '/api/policy'
        '/api/policy/history'
        '/api/runs'
        '/api/runs/*'
        '/api/openapi.json'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

// Deployments authenticate with Entra ID (azd does); no publishing user names or passwords.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
