// Flex Consumption (FC1, Linux) function app running the .NET 10 isolated worker. One user-assigned identity reaches
// storage, Key Vault, App Insights and the optional Language / Communication Services resources; no keys or connection
// strings with secrets. Every app setting the code reads is set in `appSettings` below (checked by tests/Alerts.Infra.Tests).

@description('Name of the function app (also its host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags put on the plan and the app.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity, for identity-based connections.')
param identityClientId string

@description('Primary blob endpoint of the storage account (ends with /).')
param blobEndpoint string

@description('Primary queue endpoint of the storage account (ends with /).')
param queueEndpoint string

@description('Primary table endpoint of the storage account (ends with /).')
param tableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainer string

@description('Application Insights connection string (not a secret: ingestion needs an Entra token).')
param appInsightsConnectionString string

@description('Key Vault URI (ends with /), for @Microsoft.KeyVault references.')
param keyVaultUri string

@description('Most instances the app may scale out to.')
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('Teams channel names; each becomes Teams__<Name>, a reference to Key Vault secret teams-<name>.')
param teamsChannelNames array

@description('SMTP host; empty leaves the SMTP settings out.')
param smtpHost string

@description('SMTP port.')
param smtpPort int

@description('Sender address of alert emails (Delivery:From); empty with ACS means the managed domain\'s DoNotReply address.')
param emailFromAddress string

@description('Azure AI Language endpoint; empty leaves the Language settings out.')
param languageEndpoint string

@description('Communication Services endpoint; empty leaves the ACS settings out.')
param acsEndpoint string

@description('Sender address on the Communication Services managed domain.')
param acsSenderAddress string

var secretUri = '${keyVaultUri}secrets/'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
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
    // Key Vault references resolve with this identity, not a system-assigned one.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION: Flex Consumption takes both from functionAppConfig.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(
    {
      // PipelineNames.StorageConnection, identity-based: host storage, blob trigger and both queues.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: blobEndpoint
      AzureWebJobsStorage__queueServiceUri: queueEndpoint
      AzureWebJobsStorage__tableServiceUri: tableEndpoint
      // Telemetry with Entra ID (the component has local auth off).
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // DefaultAzureCredential / ManagedIdentityCredential pick the user-assigned identity from this.
      AZURE_CLIENT_ID: identityClientId
      // Subscribers of channel 'outbox' (and alerts when state/subscriptions.json is missing) are written here. The app's
      // own folder is read-only on Flex Consumption; /tmp is the instance's scratch space, lost on scale-in.
      Delivery__OutboxPath: '/tmp/alerts/outbox'
    },
    // Teams__<Name>: Workflows webhook URLs, kept in Key Vault.
    toObject(teamsChannelNames, channel => 'Teams__${channel}', channel => '@Microsoft.KeyVault(SecretUri=${secretUri}teams-${toLower(channel)})'),
    empty(smtpHost) && empty(acsEndpoint) ? {} : {
      Delivery__From: empty(emailFromAddress) ? acsSenderAddress : emailFromAddress
    },
    empty(smtpHost) ? {} : {
      Delivery__Smtp__Host: smtpHost
      Delivery__Smtp__Port: string(smtpPort)
      Delivery__Smtp__UserName: '@Microsoft.KeyVault(SecretUri=${secretUri}smtp-username)'
      Delivery__Smtp__Password: '@Microsoft.KeyVault(SecretUri=${secretUri}smtp-password)'
    },
    empty(acsEndpoint) ? {} : {
      // No AccessKey: the client signs in with AZURE_CLIENT_ID's identity (Communication and Email Service Owner).
      Delivery__Acs__Endpoint: acsEndpoint
      Delivery__Acs__SenderAddress: acsSenderAddress
    },
    empty(languageEndpoint) ? {} : {
      // No ApiKey: Entra ID with the app's identity (Cognitive Services User).
      Extraction__Language__Endpoint: languageEndpoint
      Extraction__Language__ClientId: identityClientId
    }
  )
}

output name string = site.name
output id string = site.id
output defaultHostName string = site.properties.defaultHostName
