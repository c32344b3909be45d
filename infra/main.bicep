// Alerts in Azure, in one resource-group deployment:
//   storage (articles, state, quarantine, queues; no shared keys) ─ Event Grid system topic ─► Flex Consumption function app
//   user-assigned identity for everything, Key Vault for webhook URLs and SMTP credentials, App Insights on Log Analytics,
//   optional Azure AI Language and Communication Services Email.
// Deploy twice: first with deployEventSubscription = false, publish the code, then again with true (docs/deploy.md).
targetScope = 'resourceGroup'

@description('Short name of this environment (dev, prod, ...). Part of every resource name; lower-case letters and digits.')
@minLength(2)
@maxLength(10)
param environmentName string

@description('Region of every regional resource. Must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Tags put on every resource.')
param tags object = {}

@description('Create the Event Grid subscription that feeds new blobs in articles/ to ExtractArticleEvents. Keep false on the first deployment: its webhook needs the blobs_extension system key, which exists only after the function code is published. Then redeploy with true.')
param deployEventSubscription bool = false

@description('Most instances the Flex Consumption app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps the app logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Names of Teams channels (letters and digits). Each name N becomes app setting Teams__N, a Key Vault reference to secret teams-N that you fill with the Workflows webhook URL. No URLs here: they are secrets.')
param teamsChannelNames array = []

@description('SMTP server host for email delivery; empty leaves SMTP off. The user name and password are Key Vault secrets smtp-username and smtp-password, set by the operator.')
param smtpHost string = ''

@description('SMTP server port (587 = STARTTLS submission).')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('Sender address of alert emails (Delivery:From). Needed with SMTP; with ACS Email empty means the managed domain\'s DoNotReply address.')
param emailFromAddress string = ''

@description('Deploy Azure AI Language (TextAnalytics) for optional event enrichment, reached with the app identity.')
param enableLanguage bool = false

@description('Pricing tier of the Azure AI Language resource (F0 = free, one per subscription).')
@allowed([
  'F0'
  'S'
])
param languageSku string = 'S'

@description('Deploy Azure Communication Services Email with an Azure-managed sender domain, reached with the app identity.')
param enableAcsEmail bool = false

@description('Data location of Communication Services (United States, Europe, UK, ...).')
param acsDataLocation string = 'Europe'

@description('Object id of the operator (user or group): gets Storage Blob Data Contributor to drop articles and edit state/subscriptions.json, and Key Vault Secrets Officer to set webhook and SMTP secrets. Empty for nobody.')
param operatorPrincipalId string = ''

@description('Kind of principal operatorPrincipalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var names = {
  identity: 'id-alerts-${environmentName}-${token}'
  storage: take('stalerts${token}', 24)
  plan: 'plan-alerts-${environmentName}-${token}'
  // Flex Consumption derives the host id from the first 32 characters of the name: keep it shorter.
  functionApp: 'func-${environmentName}-${token}'
  logAnalytics: 'log-alerts-${environmentName}-${token}'
  appInsights: 'appi-alerts-${environmentName}-${token}'
  keyVault: take('kv-alerts-${token}', 24)
  systemTopic: 'evgt-alerts-${environmentName}-${token}'
  language: 'lang-alerts-${environmentName}-${token}'
  communication: 'acs-alerts-${environmentName}-${token}'
  emailService: 'email-alerts-${environmentName}-${token}'
}

// Names the code binds to (functions/Alerts.Core/PipelineNames.cs); the infra checks assert each one is here.
var articlesContainer = 'articles'
var deploymentContainer = 'app-package'
var containers = [
  articlesContainer
  'state'
  'quarantine'
  'azure-webjobs-hosts'
  deploymentContainer
]
var queues = [
  'article-events'
  'article-events-poison'
  'alert-deliveries'
  'alert-deliveries-poison'
  'webjobs-blobtrigger-poison'
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    containers: containers
    queues: queues
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
  }
}

module language 'modules/language.bicep' = if (enableLanguage) {
  name: 'language'
  params: {
    name: names.language
    location: location
    tags: tags
    sku: languageSku
  }
}

module email 'modules/email.bicep' = if (enableAcsEmail) {
  name: 'email'
  params: {
    communicationName: names.communication
    emailServiceName: names.emailService
    dataLocation: acsDataLocation
    tags: tags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.properties.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    languageName: enableLanguage ? names.language : ''
    communicationName: enableAcsEmail ? names.communication : ''
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
  dependsOn: [
    language
    email
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.id
    identityClientId: identity.properties.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainer: deploymentContainer
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.uri
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    teamsChannelNames: teamsChannelNames
    smtpHost: smtpHost
    smtpPort: smtpPort
    emailFromAddress: emailFromAddress
    languageEndpoint: enableLanguage ? language!.outputs.endpoint : ''
    acsEndpoint: enableAcsEmail ? email!.outputs.endpoint : ''
    acsSenderAddress: enableAcsEmail ? email!.outputs.senderAddress : ''
  }
  // The host needs its storage, Key Vault and App Insights roles before it first starts.
  dependsOn: [
    rbac
  ]
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventGrid'
  params: {
    systemTopicName: names.systemTopic
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    container: articlesContainer
    functionAppName: functionApp.outputs.name
    functionName: 'ExtractArticleEvents'
    deploySubscription: deployEventSubscription
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsName
output EVENT_GRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.systemTopicName
output EVENT_GRID_SUBSCRIPTION_DEPLOYED bool = deployEventSubscription
output ARTICLES_CONTAINER_NAME string = articlesContainer
output STATE_CONTAINER_NAME string = 'state'
output DEPLOYMENT_CONTAINER_NAME string = deploymentContainer
output LANGUAGE_ENDPOINT string = enableLanguage ? language!.outputs.endpoint : ''
output ACS_ENDPOINT string = enableAcsEmail ? email!.outputs.endpoint : ''
output ACS_SENDER_ADDRESS string = enableAcsEmail ? email!.outputs.senderAddress : ''
