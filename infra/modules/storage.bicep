// The storage account for the host (AzureWebJobsStorage, deployment packages) and the app's tables and queues.
// Shared keys are off: every caller authenticates with Entra ID (the app with its managed identity).

@description('Storage account name: 3-24 lower-case letters and digits.')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the account.')
param location string

@description('Tags for every resource.')
param tags object

@description('Principal id of the function app identity.')
param appPrincipalId string

@description('Name of the function app identity; names its role assignments, which must be known before deployment.')
param appIdentityName string

@description('Object id of a person or pipeline that runs imports and backfills against the tables and queues; empty for none.')
param operatorPrincipalId string

@description('Principal type of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string

@description('Blob container that Flex Consumption deploys packages into.')
param deploymentContainerName string

@description('Prefix of every table name (ArFunctions:Storage:TablePrefix).')
param tablePrefix string

@description('Prefix of every queue name (ArFunctions:Storage:QueuePrefix), for example \'ar-\'.')
@minLength(1)
param queuePrefix string

// StorageTables' names. The app creates a missing table on first use, so a table added in code works before it is
// listed here; listing it keeps the deployment the single inventory of what the account holds.
var tableNames = [
  'Customers'
  'Invoices'
  'InvoiceIndex'
  'Payments'
  'Interactions'
  'Ledger'
  'Actions'
  'CustomerStates'
  'SegmentHistory'
  'Runs'
  'RunShards'
  'ShardSummaries'
  'RunProblems'
  'Decisions'
  'Ranks'
  'Worklists'
  'KpiSnapshots'
  'WebhookEvents'
  'PaymentStates'
  'ParkedRefunds'
  'UnmatchedPayments'
  'Credits'
  'Policy'
  'CallTasks'
  'TaskIndex'
  'EmailMessages'
  'PortalRevocations'
  'ContactStates'
  'InvoicesArchive'
  'PaymentsArchive'
  'InteractionsArchive'
  'LedgerArchive'
]

// The code's queue base names; each queue is named prefix + base name (ar-shards, ...). The host moves a message that
// failed maxDequeueCount times, or one the app poisons at once, to '<full name>-poison'.
var queueBaseNames = [
  'shards'
  'emails'
  'tasks'
  'payments'
  'delivery-reports'
]

var allQueueNames = flatten(map(queueBaseNames, queue => ['${queuePrefix}${queue}', '${queuePrefix}${queue}-poison']))

var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
}

// The host keeps timer leases and deployment packages in blobs and reads queues; the app reads and writes tables and
// queues. Blob Data Owner is what the host's identity-based AzureWebJobsStorage documents as required.
var appRoles = [
  roles.blobDataOwner
  roles.queueDataContributor
  roles.tableDataContributor
]

// An operator imports and backfills data; the host's blobs are none of their business.
var operatorRoles = empty(operatorPrincipalId)
  ? []
  : [
      roles.queueDataContributor
      roles.tableDataContributor
    ]

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for table in tableNames: {
    parent: tableService
    name: '${tablePrefix}${table}'
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for queue in allQueueNames: {
    parent: queueService
    name: queue
  }
]

resource appRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appRoles: {
    scope: account
    name: guid(account.id, appIdentityName, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource operatorRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in operatorRoles: {
    scope: account
    name: guid(account.id, operatorPrincipalId, roleId)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: operatorPrincipalId
      principalType: operatorPrincipalType
    }
  }
]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
