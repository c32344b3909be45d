// Event Grid system topic on the storage account, and (once the code is published) the subscription that delivers
// BlobCreated events for one container to the blob extension's webhook of the function app.

@description('Name of the Event Grid system topic.')
param systemTopicName string

@description('Region of the system topic (the storage account\'s region).')
param location string

@description('Tags put on the system topic.')
param tags object

@description('Name of the storage account whose blob events are published.')
param storageAccountName string

@description('Container whose new blobs trigger the function.')
param container string

@description('Name of the function app hosting the blob trigger.')
param functionAppName string

@description('Name of the blob-triggered function (Source = BlobTriggerSource.EventGrid).')
param functionName string

@description('Create the event subscription. Needs the blobs_extension system key, which exists only after the code is published.')
param deploySubscription bool

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// The Functions host, whose keys listKeys reads.
var hostKeysId = '${site.id}/host/default'

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: systemTopicName
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource articlesSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (deploySubscription) {
  parent: systemTopic
  name: '${toLower(functionName)}-${container}'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The Functions host's blobs_extension system key (it exists once a blob trigger with the Event Grid source runs),
        // read at deployment time only when the subscription is deployed, never stored in a file or output.
        endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${deploySubscription ? listKeys(hostKeysId, '2024-04-01').systemKeys.blobs_extension : ''}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${container}/'
      // A block upload in several requests, or a copy, raises more than one BlobCreated; only the committing call counts.
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.api'
          values: [
            'PutBlob'
            'PutBlockList'
            'CopyBlob'
            'FlushWithClose'
          ]
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output systemTopicName string = systemTopic.name
