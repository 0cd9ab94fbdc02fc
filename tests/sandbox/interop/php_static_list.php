<?php
// Pages through a static list of a mktows endpoint with PHP's SoapClient,
// used the way Marketo's PHP sample for getMultipleLeads uses it: the WSDL
// from <endpoint>?WSDL, a SoapHeader signed with hash_hmac('sha1'), a
// StaticListSelector as a SoapVar, and streamPosition followed until
// remainingCount is 0.
//
// usage: php php_static_list.php ENDPOINT USER_ID SECRET_KEY LIST_NAME BATCH_SIZE
// prints one lead a line: Id<TAB>Email (or -), then "pages N".
[$self, $marketoSoapEndPoint, $marketoUserId, $marketoSecretKey, $listName, $batchSize] = $argv;
$marketoNameSpace = "http://www.marketo.com/mktows/";
$options = array("connection_timeout" => 15, "location" => $marketoSoapEndPoint, "trace" => 1,
                 "cache_wsdl" => WSDL_CACHE_NONE, "exceptions" => true);
$soapClient = new SoapClient($marketoSoapEndPoint . "?WSDL", $options);

$startPosition = "";
$pages = 0;
do {
    // Create Signature
    $dtzObj = new DateTimeZone("America/Los_Angeles");
    $dtObj = new DateTime('now', $dtzObj);
    $timeStamp = $dtObj->format(DATE_W3C);
    $encryptString = $timeStamp . $marketoUserId;
    $signature = hash_hmac('sha1', $encryptString, $marketoSecretKey);

    // Create SOAP Header
    $attrs = new stdClass();
    $attrs->mktowsUserId = $marketoUserId;
    $attrs->requestSignature = $signature;
    $attrs->requestTimestamp = $timeStamp;
    $authHdr = new SoapHeader($marketoNameSpace, 'AuthenticationHeader', $attrs);

    // Query from a Static List
    $leadSel = new stdClass();
    $leadSel->staticListName = $listName;
    $leadSelSoap = new SoapVar($leadSel, SOAP_ENC_OBJECT, "StaticListSelector", $marketoNameSpace);

    $params = new stdClass();
    $params->leadSelector = $leadSelSoap;
    $params->streamPosition = $startPosition;
    $params->batchSize = (int)$batchSize;
    try {
        $leads = $soapClient->__soapCall('getMultipleLeads', array($params), $options, $authHdr);
    } catch (Exception $ex) {
        fwrite(STDERR, "fault: " . $ex->getMessage() . "\nRAW request:\n" . $soapClient->__getLastRequest() . "\n");
        exit(1);
    }
    $pages++;
    $result = $leads->result;
    $records = array();
    if (isset($result->leadRecordList->leadRecord)) {
        $records = $result->leadRecordList->leadRecord;
        if (!is_array($records)) $records = array($records);  // one record comes as an object
    }
    if (count($records) != $result->returnCount) {
        fwrite(STDERR, "returnCount " . $result->returnCount . " but " . count($records) . " records\n");
        exit(1);
    }
    foreach ($records as $lead) {
        echo $lead->Id, "\t", (isset($lead->Email) ? $lead->Email : "-"), "\n";
    }
    $startPosition = $result->newStreamPosition;
    if ($pages > 10000) { fwrite(STDERR, "no end after 10000 pages\n"); exit(1); }
} while ($result->remainingCount > 0);
echo "pages ", $pages, "\n";
