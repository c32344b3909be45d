// Optional Azure AI Language (TextAnalytics) for event enrichment. Local (key) auth is off; the app calls it with its
// managed identity (Cognitive Services User), which needs the custom subdomain.

@description('Name of the Language resource; also its custom subdomain.')
param name string

@description('Region of the resource.')
param location string

@description('Tags put on the resource.')
param tags object

@description('Pricing tier (F0 or S).')
param sku string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: {
    name: sku
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = account.name
output endpoint string = account.properties.endpoint
