import AsyncHTTPClient
public enum ECMRESTClientPlaceholder {}
