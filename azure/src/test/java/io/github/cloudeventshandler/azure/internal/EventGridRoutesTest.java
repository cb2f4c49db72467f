package io.github.cloudeventshandler.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.spi.RoutePaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Event Grid route rule: the reserved namespaces belong to system events, recognised by their
 * topic. Topic shapes are those of Microsoft's Event Grid source pages (learn.microsoft.com
 * /azure/event-grid/event-schema-*): storage accounts, resource groups and subscriptions
 * (Microsoft.Resources, Azure Policy's {@code /subscriptions/<id>}), Event Grid namespaces (MQTT
 * client events), custom topics, domains and partner topics.
 */
class EventGridRoutesTest {
  private static final String RG = "/subscriptions/0000/resourceGroups/rg";

  @ParameterizedTest(name = "[{index}] {0} from {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        // system events keep their service route
        "Microsoft.Storage.BlobCreated | "
            + RG
            + "/providers/Microsoft.Storage/storageAccounts/acct | /microsoft.storage",
        "Microsoft.Devices.DeviceCreated | /SUBSCRIPTIONS/ID/RESOURCEGROUPS/rg/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/hub1"
            + " | /microsoft.devices",
        "Microsoft.KeyVault.SecretNewVersionCreated | "
            + RG
            + "/providers/Microsoft.KeyVault/vaults/v1 | /microsoft.keyvault",
        "Microsoft.Resources.ResourceWriteSuccess | /subscriptions/0000 | /microsoft.resources",
        "Microsoft.Resources.ResourceDeleteSuccess | " + RG + " | /microsoft.resources",
        "Microsoft.PolicyInsights.PolicyStateCreated | /subscriptions/0000 | /microsoft.policyinsights",
        "Microsoft.EventGrid.MQTTClientSessionConnected | "
            + RG
            + "/providers/Microsoft.EventGrid/namespaces/myns | /microsoft.eventgrid",
        // issue 10: a custom topic publishing a system type
        "Microsoft.Storage.BlobCreated | "
            + RG
            + "/providers/Microsoft.EventGrid/topics/orders | /unverified/microsoft.storage",
        // more members: domains, partner topics, namespace topics, another provider, no topic
        "Microsoft.KeyVault.SecretNewVersionCreated | "
            + RG
            + "/providers/Microsoft.EventGrid/domains/d1/topics/t1 | /unverified/microsoft.keyvault",
        "Microsoft.Resources.ResourceWriteSuccess | "
            + RG
            + "/providers/Microsoft.EventGrid/partnerTopics/p1 | /unverified/microsoft.resources",
        "Microsoft.EventGrid.MQTTClientSessionConnected | "
            + RG
            + "/providers/Microsoft.EventGrid/namespaces/myns/topics/t1 | /unverified/microsoft.eventgrid",
        "Microsoft.EventGrid.SubscriptionDeletedEvent | "
            + RG
            + "/providers/Microsoft.EventGrid/topics/orders | /unverified/microsoft.eventgrid",
        "Microsoft.Storage.BlobCreated | "
            + RG
            + "/providers/Microsoft.Web/sites/app | /unverified/microsoft.storage",
        "Microsoft.Storage.BlobCreated | null | /unverified/microsoft.storage",
        "Microsoft.Storage.BlobCreated | https://example.com/x | /unverified/microsoft.storage",
        // a Unicode look-alike in the topic's provider does not match (U+212A KELVIN SIGN)
        "Microsoft.KeyVault.SecretNewVersionCreated | "
            + RG
            + "/providers/Microsoft.\u212AeyVault/vaults/v1 | /unverified/microsoft.keyvault",
        // issue 10: nor in the type: no case folding beyond ASCII
        "Aws.\u212Ainesis.X | " + RG + " | /unverified/aws.%E2%84%AAinesis",
        "Azure.Storage.BlobCreated | " + RG + " | /unverified/azure.storage",
        "Google.Cloud.Storage.Finalized | null | /unverified/google.cloud.storage",
        // custom types outside the reserved namespaces keep their routes
        "Contoso.Items.ItemReceived | "
            + RG
            + "/providers/Microsoft.EventGrid/topics/orders | /contoso.items",
        // issue 10: a type no path could carry as it is
        "x%2Fy | null | /x_2fy",
        "Contoso/../Evil.Created | null | /contoso/__/evil"
      })
  void reservedRoutesNeedTheTopicOfTheTypesProvider(String type, String topic, String route) {
    assertThat(EventGridRoutes.route(type, topic)).isEqualTo(route);
    assertThat(RoutePaths.checkRoute(route)).isEqualTo(route);
  }
}
