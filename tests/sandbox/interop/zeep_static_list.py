#!/usr/bin/python3
"""Pages through a static list of a mktows endpoint with Python zeep, as a
third-party SOAP client would: the WSDL from <endpoint>?WSDL, its own
AuthenticationHeader (HMAC-SHA1 of timestamp + user id), and newStreamPosition
followed until remainingCount is 0.

usage: zeep_static_list.py ENDPOINT USER_ID SECRET_KEY LIST_NAME BATCH_SIZE
prints one lead a line: Id<TAB>Email (or -), then "pages N".
"""
import datetime
import hashlib
import hmac
import sys

import zeep

MKTOWS = "{http://www.marketo.com/mktows/}"


def main():
    endpoint, user_id, secret_key, list_name, batch_size = sys.argv[1:6]
    client = zeep.Client(endpoint + "?WSDL")
    header_element = client.get_element(MKTOWS + "AuthenticationHeader")
    selector_type = client.get_type(MKTOWS + "StaticListSelector")

    position = None
    pages = 0
    while True:
        timestamp = datetime.datetime.now(datetime.timezone.utc).astimezone().isoformat(timespec="seconds")
        signature = hmac.new(secret_key.encode(), (timestamp + user_id).encode(), hashlib.sha1).hexdigest()
        header = header_element(mktowsUserId=user_id, requestSignature=signature, requestTimestamp=timestamp)
        result = client.service.getMultipleLeads(
            leadSelector=selector_type(staticListName=list_name),
            streamPosition=position,
            batchSize=int(batch_size),
            _soapheaders=[header],
        )
        pages += 1
        records = result.leadRecordList.leadRecord if result.leadRecordList is not None else []
        if len(records) != result.returnCount:
            sys.exit("returnCount %d but %d records" % (result.returnCount, len(records)))
        for lead in records:
            print("%d\t%s" % (lead.Id, lead.Email if lead.Email is not None else "-"))
        if result.remainingCount == 0:
            break
        position = result.newStreamPosition
        if pages > 10000:
            sys.exit("no end after 10000 pages")
    print("pages %d" % pages)


if __name__ == "__main__":
    main()
