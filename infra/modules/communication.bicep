// Azure Communication Services with an Email service. An Azure-managed domain is always created and linked so mail
// flows from day one; a custom domain is created on request and linked only once its DNS records are verified
// (linking an unverified domain fails the deployment).

@description('Name of the Communication Services resource.')
param communicationName string

@description('Name of the Email Communication Services resource.')
param emailServiceName string

@description('Where ACS stores data at rest (for example Europe, United States).')
param dataLocation string

@description('Tags for every resource.')
param tags object

@description('Principal id of the function app identity, allowed to send mail.')
param appPrincipalId string

@description('Name of the function app identity; names its role assignments, which must be known before deployment.')
param appIdentityName string

@description('A custom mail domain to create (for example mail.example.com); empty for none.')
param customDomainName string

@description('Link the custom domain and send from it; set true only after its DNS records are verified.')
param linkCustomDomain bool

@description('Sender user name on the custom domain (Azure-managed domains send only from DoNotReply).')
param customSenderUserName string

var communicationAndEmailServiceOwner = '09976791-48a7-449e-bb21-39d1a415f350' // Communication and Email Service Owner
var hasCustomDomain = !empty(customDomainName)
var sendFromCustomDomain = hasCustomDomain && linkCustomDomain

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource customDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = if (hasCustomDomain) {
  parent: emailService
  name: hasCustomDomain ? customDomainName : 'unused'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

// DoNotReply exists on every domain; any other user name on a custom domain must be declared.
resource customSender 'Microsoft.Communication/emailServices/domains/senderUsernames@2023-04-01' = if (hasCustomDomain && toLower(customSenderUserName) != 'donotreply') {
  parent: customDomain
  name: toLower(customSenderUserName)
  properties: {
    username: customSenderUserName
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: sendFromCustomDomain ? [managedDomain.id, customDomain.id] : [managedDomain.id]
  }
}

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: communication
  name: guid(communication.id, appIdentityName, communicationAndEmailServiceOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationAndEmailServiceOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output endpoint string = 'https://${communication.properties.hostName}'
output senderAddress string = sendFromCustomDomain
  ? '${customSenderUserName}@${customDomainName}'
  : 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
output customDomainVerificationRecords object = hasCustomDomain ? customDomain!.properties.verificationRecords : {}
