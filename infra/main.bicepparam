// Safe defaults for a first deployment; no secrets belong here (webhook URLs and SMTP credentials go into Key Vault).
// az deployment group create -g <group> -p infra/main.bicepparam -p environmentName=<env> operatorPrincipalId=<your object id>
using 'main.bicep'

param environmentName = 'dev'
// First deployment: false. After publishing the function code, redeploy with true (docs/deploy.md).
param deployEventSubscription = false
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param logRetentionDays = 30
param teamsChannelNames = []
param smtpHost = ''
param smtpPort = 587
param emailFromAddress = ''
param enableLanguage = false
param enableAcsEmail = false
param operatorPrincipalId = ''
