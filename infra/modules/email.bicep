// Optional Azure Communication Services Email with an Azure-managed sender domain (DoNotReply@<guid>.azurecomm.net).
// The app sends with its managed identity (role assigned in rbac.bicep); no access key is read here.

@description('Name of the Communication Services resource.')
param communicationName string

@description('Name of the Email Communication Service.')
param emailServiceName string

@description('Where Communication Services keeps data at rest (United States, Europe, UK, ...).')
param dataLocation string

@description('Tags put on the resources.')
param tags object

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource domain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      domain.id
    ]
  }
}

output name string = communication.name
output endpoint string = 'https://${communication.properties.hostName}'
output senderAddress string = 'DoNotReply@${domain.properties.mailFromSenderDomain}'
