#!/usr/bin/env bash
# Creates the Entra ID app registration people sign in to ArFunctions with, its three app roles (Collector, Lead,
# Admin), and the service principal that role assignments attach to; then tells azd its client id so the next
# `azd provision` turns on App Service authentication (infra/modules/functionapp.bicep, authsettingsV2).
#
#   infra/scripts/create-app-registration.sh            # after a first `azd provision`: reads FUNCTION_APP_URL from azd
#   azd provision                                       # now with AR_AUTH_CLIENT_ID set: sign-in required
#
# Needs: az (signed in to the tenant, allowed to create app registrations), azd, jq. Idempotent: an existing
# registration of the same display name is reused and its roles and redirect URI are set again.
# Not run by CI (no tenant there): docs/deploy.md ("Sign-in for people") says what it creates.
set -euo pipefail

env_value() { azd env get-value "$1" 2>/dev/null || true; }

app_url="${FUNCTION_APP_URL:-$(env_value FUNCTION_APP_URL)}"
env_name="${AZURE_ENV_NAME:-$(env_value AZURE_ENV_NAME)}"
if [ -z "$app_url" ] || [ -z "$env_name" ]; then
  echo "run 'azd provision' first: FUNCTION_APP_URL and AZURE_ENV_NAME come from the azd environment" >&2
  exit 1
fi
display_name="ArFunctions ${env_name}"
redirect_uri="${app_url%/}/.auth/login/aad/callback"

# Fixed role ids, so running this again updates the roles instead of adding new ones.
roles=$(jq -n '[
  {id: "5b0d9b5e-6f2e-4d6a-9a51-2b7e3f1c0a01", value: "Collector", displayName: "Collector",
   description: "Works their own worklist: their customers and their own tasks.", allowedMemberTypes: ["User"], isEnabled: true},
  {id: "5b0d9b5e-6f2e-4d6a-9a51-2b7e3f1c0a02", value: "Lead", displayName: "Lead",
   description: "Sees every worklist and customer and works every task.", allowedMemberTypes: ["User"], isEnabled: true},
  {id: "5b0d9b5e-6f2e-4d6a-9a51-2b7e3f1c0a03", value: "Admin", displayName: "Admin",
   description: "Changes the policy, imports data, starts runs and resolves unmatched payments.", allowedMemberTypes: ["User"], isEnabled: true}
]')

app_id=$(az ad app list --display-name "$display_name" --query "[0].appId" -o tsv)
if [ -z "$app_id" ]; then
  app_id=$(az ad app create --display-name "$display_name" --sign-in-audience AzureADMyOrg --query appId -o tsv)
  echo "created the app registration '$display_name' ($app_id)"
fi

# Sign-in returns an ID token (no client secret anywhere: docs/security.md says why); the roles travel in it.
az ad app update --id "$app_id" \
  --web-redirect-uris "$redirect_uri" \
  --enable-id-token-issuance true \
  --identifier-uris "api://$app_id" \
  --app-roles "$roles"

if [ -z "$(az ad sp list --filter "appId eq '$app_id'" --query "[0].id" -o tsv)" ]; then
  az ad sp create --id "$app_id" >/dev/null
fi
# Only people assigned a role may sign in.
az ad sp update --id "$app_id" --set appRoleAssignmentRequired=true

azd env set AR_AUTH_CLIENT_ID "$app_id"
echo "AR_AUTH_CLIENT_ID=$app_id set; run 'azd provision' to turn on sign-in, then assign people their roles:"
echo "  Entra admin center > Enterprise applications > $display_name > Users and groups > Add user/group"
