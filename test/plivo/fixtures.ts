// Verbatim copies of /work/shared/api-docs/fixtures/*.json (recorded API answers), so the tests run on a fresh clone.
// resources.test.ts checks that they still match the originals when those are present.

export const endpointCreateResponse: Record<string, unknown> = {
  "username": "zumba131031145958",
  "alias": "zumba",
  "message": "created",
  "endpoint_id": "37371860103666",
  "api_id": "1c13de4c-423d-11e3-9899-22000abfa5d5"
};

export const endpointGetResponse: Record<string, unknown> = {
  "alias": "callme",
  "application": "/v1/Account/MANWVLYTK4ZWU1YTY4ZT/Application/33406267401237901/",
  "endpoint_id": "32866729519064",
  "resource_uri": "/v1/Account/MANWVLYTK4ZWU1YTY4ZT/Endpoint/32866729519064/",
  "sip_contact": "sip:callme140703093224@122.172.71.207:57563;ob",
  "sip_expires": "2014-07-21 19:26:08",
  "sip_registered": "true",
  "sip_uri": "sip:callme140703093944@phone.plivo.com",
  "sip_user_agent": "Telephone 1.1.4",
  "sub_account": null,
  "username": "callme140703093944"
};

export const endpointListResponse: Record<string, unknown> = {
  "api_id": "30a0c8c2-110c-11e4-bd8a-12313f016a39",
  "meta": {
    "limit": 20,
    "next": null,
    "offset": 0,
    "previous": null,
    "total_count": 2
  },
  "objects": [
    {
      "alias": "callme",
      "application": "/v1/Account/MANWVLYTK4ZWU1YTY4ZT/Application/33406267401237901/",
      "endpoint_id": "32866729519064",
      "resource_uri": "/v1/Account/MANWVLYTK4ZWU1YTY4ZT/Endpoint/32866729519064/",
      "sip_contact": "sip:callme140703093224@122.172.71.207:57563;ob",
      "sip_expires": "2014-07-21 19:26:08",
      "sip_registered": "true",
      "sip_uri": "sip:callme140703093944@phone.plivo.com",
      "sip_user_agent": "Telephone 1.1.4",
      "sub_account": null,
      "username": "callme140703093944"
    },
    {
      "alias": "polycom",
      "application": "/v1/Account/MANWVLYTK4ZWU1YTY4ZT/Application/37961981447734951/",
      "endpoint_id": "17551316589618",
      "resource_uri": "/v1/Account/MANWVLYTK4ZWU1YTY4ZT/Endpoint/17551316589618/",
      "sip_registered": "false",
      "sip_uri": "sip:polycom140506175228@phone.plivo.com",
      "sub_account": null,
      "username": "polycom140506175448"
    }
  ]
};

export const endpointUpdateResponse: Record<string, unknown> = {
  "message": "changed",
  "api_id": "d8f9ea6c-58cc-11e1-86da-adf28403fe48"
};

export const trunkGetResponseLive: Record<string, unknown> = {
  "api_id": "db10e2de-f016-43de-a4ed-2eb8abc78beb",
  "object": {
    "trunk_id": "42741122632602585",
    "name": "Trunk-e9dda2",
    "trunk_status": "enabled",
    "secure": false,
    "trunk_domain": "42741122632602585.zt.plivo.com",
    "trunk_direction": "inbound",
    "ipacl_uuid": null,
    "credential_uuid": null,
    "primary_uri_uuid": "8fde2db4-e7e0-43ce-a6ea-5690fe402e38",
    "fallback_uri_uuid": null,
    "created_at": "2026-08-23T19:57:52Z",
    "updated_at": "2026-08-23T19:57:52Z"
  }
};

export const FIXTURE_FILES: Record<string, Record<string, unknown>> = {
  'endpoint-create-response.json': endpointCreateResponse,
  'endpoint-get-response.json': endpointGetResponse,
  'endpoint-list-response.json': endpointListResponse,
  'endpoint-update-response.json': endpointUpdateResponse,
  'trunk-get-response-live.json': trunkGetResponseLive,
};
