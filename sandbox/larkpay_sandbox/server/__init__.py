"""HTTP in, reply out: the uvicorn protocol, the request pipeline and the handler contract."""
